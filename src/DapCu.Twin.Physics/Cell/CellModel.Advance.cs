using DapCu.Twin.Physics.Electrodes;

namespace DapCu.Twin.Physics.Cell;

public sealed partial class CellModel
{
    private const double Tiny_mAh_cm2 = 1e-12;

    /// <summary>Advances the cell at a constant current density for a duration, exactly: the interval is
    /// split at every internal event (an electrode running out of Li, Sand's time, a dendrite reaching
    /// the other side, the shuttle region), and each piece is integrated in closed form.</summary>
    public CellEvents Advance(ref CellState s, double current_mA_cm2, double duration_s)
    {
        if (duration_s <= 0) return CellEvents.None;
        if (s.Shorted || current_mA_cm2 == 0)
        {
            // Concentration gradients relax within seconds at rest (L^2/D for 25 um).
            s.PositiveLi.SandProgress = 0;
            s.NegativeLi.SandProgress = 0;
            s.Time_s += duration_s;
            return CellEvents.None;
        }
        var direction = Math.Sign(current_mA_cm2);
        if (direction != s.LastDirection)
        {
            StartHalfCycle(ref s, direction);
            s.LastDirection = direction;
        }
        var j = Math.Abs(current_mA_cm2);
        var events = CellEvents.None;
        var remaining = duration_s;
        for (var piece = 0; remaining > 0 && piece < 64; piece++)
        {
            var used = _cathode is null ? AdvanceLiLi(ref s, direction, j, remaining, ref events)
                : direction < 0 ? AdvanceFullDischarge(ref s, j, remaining, ref events)
                : AdvanceFullCharge(ref s, j, remaining, ref events);
            s.Time_s += used;
            remaining -= used;
            if (!s.Shorted && DendriteLength_um(s) >= SeparatorThickness_um)
            {
                s.Shorted = true;
                events |= CellEvents.Short;
            }
            if (s.Shorted) { s.Time_s += remaining; break; }
        }
        return events;
    }

    /// <summary>A new half cycle: the electrode about to plate may re-connect dead Li; the one about to
    /// strip draws its dead-Li spread for this half cycle.</summary>
    private void StartHalfCycle(ref CellState s, int direction)
    {
        var sigma = 0.0;
        if (_positiveLi is not null)
        {
            ref var plating = ref direction > 0 ? ref s.NegativeLi : ref s.PositiveLi;
            ref var stripping = ref direction > 0 ? ref s.PositiveLi : ref s.NegativeLi;
            var platingEl = direction > 0 ? _negativeLi : _positiveLi;
            var strippingEl = direction > 0 ? _positiveLi : _negativeLi;
            platingEl.Reconnect(ref plating, SplitMix64.NextUniform(ref s.Rng));
            sigma = strippingEl.Parameters.DeadLiNoise;
            stripping.DeadLiNoise = Math.Exp(sigma * SplitMix64.NextNormal(ref s.Rng));
        }
        else if (direction > 0)
        {
            _negativeLi.Reconnect(ref s.NegativeLi, SplitMix64.NextUniform(ref s.Rng));
        }
        else
        {
            sigma = _negativeLi.Parameters.DeadLiNoise;
            s.NegativeLi.DeadLiNoise = Math.Exp(sigma * SplitMix64.NextNormal(ref s.Rng));
        }
    }

    private double AdvanceLiLi(ref CellState s, int direction, double j, double duration_s, ref CellEvents events)
    {
        ref var source = ref direction > 0 ? ref s.PositiveLi : ref s.NegativeLi;
        ref var sink = ref direction > 0 ? ref s.NegativeLi : ref s.PositiveLi;
        var sourceEl = direction > 0 ? _positiveLi! : _negativeLi;
        var sinkEl = direction > 0 ? _negativeLi : _positiveLi!;

        var toExhaustion = sourceEl.ChargeToExhaustion_mAh_cm2(source);
        if (toExhaustion <= Tiny_mAh_cm2)
            return Parasitic(ref s, ref source, j, duration_s, ref events);

        var seg = Math.Min(duration_s, toExhaustion / j * SecondsPerHour);
        seg = Math.Min(seg, PlatingEventTime_s(sinkEl, sink, j, DendriteLength_um(s)));
        Transfer(sourceEl, ref source, sinkEl, ref sink, j, seg, ref events);
        if (sourceEl.ChargeToExhaustion_mAh_cm2(source) <= Tiny_mAh_cm2) Exhaust(ref source, ref events);
        return seg;
    }

    private double AdvanceFullDischarge(ref CellState s, double j, double duration_s, ref CellEvents events)
    {
        var toExhaustion = _negativeLi.ChargeToExhaustion_mAh_cm2(s.NegativeLi);
        var room = s.Cathode.Capacity_mAh_cm2 - s.Cathode.Li_mAh_cm2;
        if (toExhaustion <= Tiny_mAh_cm2)
            return Parasitic(ref s, ref s.NegativeLi, j, duration_s, ref events);
        if (room <= Tiny_mAh_cm2)
        {
            events |= CellEvents.CathodeLimit;
            s.ParasiticCharge_mAh_cm2 += j * duration_s / SecondsPerHour;
            return duration_s;
        }
        var seg = Math.Min(duration_s, Math.Min(toExhaustion, room) / j * SecondsPerHour);
        var q = j * seg / SecondsPerHour;
        _negativeLi.Strip(ref s.NegativeLi, q);
        s.Cathode.Li_mAh_cm2 += q;
        s.Cathode.Throughput_mAh_cm2 += q;
        if (_lfp is not null) ApplyFormationFade(ref s.Cathode);
        if (_negativeLi.ChargeToExhaustion_mAh_cm2(s.NegativeLi) <= Tiny_mAh_cm2) Exhaust(ref s.NegativeLi, ref events);
        return seg;
    }

    private double AdvanceFullCharge(ref CellState s, double j, double duration_s, ref CellEvents events)
    {
        if (s.Cathode.Li_mAh_cm2 <= Tiny_mAh_cm2)
        {
            // Nothing left to oxidise: electrolyte oxidation carries the current.
            events |= CellEvents.CathodeLimit;
            s.ParasiticCharge_mAh_cm2 += j * duration_s / SecondsPerHour;
            return duration_s;
        }
        var seg = Math.Min(duration_s, PlatingEventTime_s(_negativeLi, s.NegativeLi, j, DendriteLength_um(s)));
        if (_sulfur is not null)
        {
            var upperInventory = _sulfur.Parameters.UpperPlateauShare * s.Cathode.Capacity_mAh_cm2;
            if (s.Cathode.Li_mAh_cm2 > upperInventory + Tiny_mAh_cm2)
            {
                // Lower plateau (Li2S -> Li2S4): no dissolved high-order polysulfide, no shuttle.
                seg = Math.Min(seg, (s.Cathode.Li_mAh_cm2 - upperInventory) / j * SecondsPerHour);
            }
            else
            {
                return ChargeUpperPlateau(ref s, j, seg, ref events);
            }
        }
        seg = Math.Min(seg, s.Cathode.Li_mAh_cm2 / j * SecondsPerHour);
        var q = j * seg / SecondsPerHour;
        s.Cathode.Li_mAh_cm2 = Math.Max(0.0, s.Cathode.Li_mAh_cm2 - q);
        PlateWithEvents(_negativeLi, ref s.NegativeLi, q, j, seg, ref events);
        return seg;
    }

    /// <summary>Mikhaylik-Akridge: dU/dt = J - k' U for the upper-plateau inventory U = s Q - Li, with
    /// shuttle current k_s U reducing polysulfide at the anode (a share deposits there as Li2S).</summary>
    private double ChargeUpperPlateau(ref CellState s, double j, double maxSeg_s, ref CellEvents events)
    {
        var sp = _sulfur!.Parameters;
        var share = sp.UpperPlateauShare;
        var k = sp.ShuttleConstant_per_h;
        var deposit = _negativeLi.Parameters.PolysulfideCorrosionShare;
        var kEff = k * (1.0 - deposit * (1.0 - share));
        var u0 = share * s.Cathode.Capacity_mAh_cm2 - s.Cathode.Li_mAh_cm2;
        var uInf = j / kEff;
        var uFull = share * s.Cathode.Capacity_mAh_cm2;
        var seg_h = maxSeg_s / SecondsPerHour;
        if (uInf > uFull)
            seg_h = Math.Min(seg_h, Math.Log((uInf - u0) / (uInf - uFull)) / kEff);
        var decay = Math.Exp(-kEff * seg_h);
        var integralU = uInf * seg_h + (u0 - uInf) * (1.0 - decay) / kEff;
        var shuttled = k * integralU;
        var q = j * seg_h;
        var u1 = uInf + (u0 - uInf) * decay;

        s.Cathode.Capacity_mAh_cm2 -= deposit * shuttled;
        s.Cathode.Li_mAh_cm2 = Math.Max(0.0, share * s.Cathode.Capacity_mAh_cm2 - u1);
        PlateWithEvents(_negativeLi, ref s.NegativeLi, q, j, seg_h * SecondsPerHour, ref events);
        _negativeLi.Corrode(ref s.NegativeLi, shuttled, deposit);
        return seg_h * SecondsPerHour;
    }

    /// <summary>Time until something changes the plating law: Sand's time, or a dendrite reaching the other electrode.</summary>
    private double PlatingEventTime_s(LiElectrode el, in LiElectrodeState st, double j, double dendrite_um)
    {
        var t = el.TimeToSandOnset_s(st, j);
        if (t <= 1e-9) t = double.PositiveInfinity;
        var growth = el.DendriteGrowth_um_per_mAh_cm2(st, j);
        if (growth > 0)
        {
            // Li goes into the host's pores first; only Li on the open top surface grows dendrites.
            var q = el.HostRoom_mAh_cm2(st) + (SeparatorThickness_um - dendrite_um) / growth;
            t = Math.Min(t, Math.Max(q, 0.0) / j * SecondsPerHour + 1e-6);
        }
        return t;
    }

    private void Transfer(LiElectrode sourceEl, ref LiElectrodeState source, LiElectrode sinkEl, ref LiElectrodeState sink,
        double j, double seg_s, ref CellEvents events)
    {
        var q = j * seg_s / SecondsPerHour;
        sourceEl.Strip(ref source, q);
        PlateWithEvents(sinkEl, ref sink, q, j, seg_s, ref events);
    }

    private static void PlateWithEvents(LiElectrode el, ref LiElectrodeState st, double q, double j, double seg_s, ref CellEvents events)
    {
        var sandBefore = st.SandProgress;
        var poreBefore = st.Pore_mAh_cm2;
        var overflow = el.Plate(ref st, q, j, seg_s);
        if (sandBefore < 1.0 && st.SandProgress >= 1.0 - 1e-9) events |= CellEvents.DendriteOnset;
        if (el.Host is { } h && poreBefore <= h.StaticCapacity_mAh_cm2 && st.Pore_mAh_cm2 > h.StaticCapacity_mAh_cm2)
            events |= CellEvents.HostExpansion;
        if (overflow > Tiny_mAh_cm2 && st.Top_mAh_cm2 - overflow <= Tiny_mAh_cm2) events |= CellEvents.HostOverflow;
    }

    private static double Parasitic(ref CellState s, ref LiElectrodeState source, double j, double duration_s, ref CellEvents events)
    {
        // No Li left to strip: the substrate and electrolyte oxidise instead; no Li moves.
        if (source.Connected_mAh_cm2 > 0) Exhaust(ref source, ref events);
        s.ParasiticCharge_mAh_cm2 += j * duration_s / SecondsPerHour;
        return duration_s;
    }

    private static void Exhaust(ref LiElectrodeState st, ref CellEvents events)
    {
        LiElectrode.Exhaust(ref st);
        events |= CellEvents.LiExhausted;
    }

    private void ApplyFormationFade(ref Cathodes.CathodeState c)
    {
        var connected = _lfp!.ConnectedCapacity_mAh_cm2(c.Throughput_mAh_cm2);
        if (connected >= c.Capacity_mAh_cm2) return;
        var lostShare = (c.Capacity_mAh_cm2 - connected) / c.Capacity_mAh_cm2;
        var lockedLi = c.Li_mAh_cm2 * lostShare;
        c.Li_mAh_cm2 -= lockedLi;
        c.IsolatedLi_mAh_cm2 += lockedLi;
        c.Capacity_mAh_cm2 = connected;
    }

    /// <summary>Time until the side giving up Li runs out at this current (an estimate for sulfur
    /// charge, where the shuttle stretches it); infinite when nothing limits it.</summary>
    public double TimeToSourceLimit_s(in CellState s, double current_mA_cm2)
    {
        if (current_mA_cm2 == 0 || s.Shorted) return double.PositiveInfinity;
        var j = Math.Abs(current_mA_cm2);
        double q;
        if (_cathode is null)
            q = current_mA_cm2 > 0 ? _positiveLi!.ChargeToExhaustion_mAh_cm2(s.PositiveLi) : _negativeLi.ChargeToExhaustion_mAh_cm2(s.NegativeLi);
        else if (current_mA_cm2 < 0)
            q = Math.Min(_negativeLi.ChargeToExhaustion_mAh_cm2(s.NegativeLi), s.Cathode.Capacity_mAh_cm2 - s.Cathode.Li_mAh_cm2);
        else
            q = s.Cathode.Li_mAh_cm2 * (_sulfur is null ? 1.0 : 1.3);
        return q / j * SecondsPerHour;
    }
}
