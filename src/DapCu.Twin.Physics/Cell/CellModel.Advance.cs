using DapCu.Twin.Physics.Electrodes;

namespace DapCu.Twin.Physics.Cell;

public sealed partial class CellModel
{
    private const double Tiny_mAh_cm2 = 1e-12;
    /// <summary>Pieces shorter than this share of the remaining interval count as no progress.</summary>
    private const double MinPiece_s = 1e-12;
    private const int MaxStalledPieces = 1000;
    /// <summary>Only sizes the runner's sampling of a sulfur charge, which the shuttle stretches (no physics depends on it).</summary>
    private const double ShuttleStretchEstimate = 1.3;

    /// <summary>The SEI ages at rest and under a short, and is renewed while Li is plated and stripped.</summary>
    private void AgeSei(ref CellState s, double interfaceCurrent_mA_cm2, double duration_s)
    {
        _negativeLi.AgeSei(ref s.NegativeLi, interfaceCurrent_mA_cm2, duration_s);
        _positiveLi?.AgeSei(ref s.PositiveLi, interfaceCurrent_mA_cm2, duration_s);
    }

    /// <summary>Advances the cell at a constant current density for a duration, exactly: the interval is
    /// split at every internal event (an electrode running out of Li, Sand's time, a dendrite reaching
    /// the other side, the shuttle region), and each piece is integrated in closed form.</summary>
    public CellEvents Advance(ref CellState s, double current_mA_cm2, double duration_s)
    {
        if (duration_s <= 0) return CellEvents.None;
        if (s.Shorted || current_mA_cm2 == 0)
        {
            AgeSei(ref s, 0.0, duration_s);
            // Concentration gradients relax within seconds at rest (L^2/D for 25 um).
            s.PositiveLi.SandProgress = 0;
            s.NegativeLi.SandProgress = 0;
            s.PolarizationTime_s = 0;
            s.Time_s += duration_s;
            return CellEvents.None;
        }
        var direction = Math.Sign(current_mA_cm2);
        if (direction != s.LastDirection)
        {
            StartHalfCycle(ref s, direction);
            s.LastDirection = direction;
            s.PolarizationTime_s = 0;
        }
        var j = Math.Abs(current_mA_cm2);
        var sinkEl = _cathode is not null || direction > 0 ? _negativeLi : _positiveLi!;
        var law = sinkEl.PlatingLawAt(j);
        var events = CellEvents.None;
        var remaining = duration_s;
        var stalled = 0;
        while (remaining > 0)
        {
            var used = _cathode is null ? AdvanceLiLi(ref s, direction, j, remaining, law, ref events)
                : direction < 0 ? AdvanceFullDischarge(ref s, j, remaining, ref events)
                : AdvanceFullCharge(ref s, j, remaining, law, ref events);
            // Every piece ends at an event, so it advances time; a run of pieces that do not means an
            // event keeps re-triggering, and dropping the rest of the interval would break exactness.
            stalled = used > MinPiece_s * Math.Max(1.0, remaining) ? 0 : stalled + 1;
            if (stalled > MaxStalledPieces)
                throw new InvalidOperationException(
                    $"CellModel.Advance: no progress at {current_mA_cm2} mA/cm2 with {remaining} s of {duration_s} s left after {MaxStalledPieces} pieces (cell time {s.Time_s} s)");
            AgeSei(ref s, current_mA_cm2, used);
            s.Time_s += used;
            s.PolarizationTime_s += used;
            remaining -= used;
            if (!s.Shorted && DendriteLength_um(s) >= SeparatorThickness_um)
            {
                s.Shorted = true;
                events |= CellEvents.Short;
            }
            if (s.Shorted)
            {
                // The rest of the interval passes as it would for an already shorted cell (exactness).
                s.PositiveLi.SandProgress = 0;
                s.NegativeLi.SandProgress = 0;
                s.PolarizationTime_s = 0;
                AgeSei(ref s, 0.0, remaining);
                s.Time_s += remaining;
                break;
            }
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
            if (platingEl.IsStrippedEmpty(plating)) LiElectrode.Exhaust(ref plating);
            platingEl.Reconnect(ref plating, SplitMix64.NextUniform(ref s.Rng));
            sigma = strippingEl.Parameters.DeadLiNoise;
            stripping.DeadLiNoise = Math.Exp(sigma * SplitMix64.NextNormal(ref s.Rng));
        }
        else if (direction > 0)
        {
            if (_negativeLi.IsStrippedEmpty(s.NegativeLi)) LiElectrode.Exhaust(ref s.NegativeLi);
            _negativeLi.Reconnect(ref s.NegativeLi, SplitMix64.NextUniform(ref s.Rng));
        }
        else
        {
            sigma = _negativeLi.Parameters.DeadLiNoise;
            s.NegativeLi.DeadLiNoise = Math.Exp(sigma * SplitMix64.NextNormal(ref s.Rng));
            // Formation fade is counted at the start of each discharge, so it does not depend on how a
            // discharge is split into advances.
            if (_lfp is not null) ApplyFormationFade(ref s.Cathode);
        }
    }

    private double AdvanceLiLi(ref CellState s, int direction, double j, double duration_s, in PlatingLaw law, ref CellEvents events)
    {
        ref var source = ref direction > 0 ? ref s.PositiveLi : ref s.NegativeLi;
        ref var sink = ref direction > 0 ? ref s.NegativeLi : ref s.PositiveLi;
        var sourceEl = direction > 0 ? _positiveLi! : _negativeLi;
        var sinkEl = direction > 0 ? _negativeLi : _positiveLi!;

        var toExhaustion = sourceEl.ChargeToExhaustion_mAh_cm2(source);
        if (toExhaustion <= Tiny_mAh_cm2)
            return Parasitic(ref s, ref source, j, duration_s, ref events);

        var seg = Math.Min(duration_s, toExhaustion / j * SecondsPerHour);
        seg = Math.Min(seg, PlatingEventTime_s(sinkEl, sink, j, law, DendriteLength_um(s)));
        var q = j * seg / SecondsPerHour;
        sourceEl.Strip(ref source, q);
        PlateWithEvents(sinkEl, ref sink, q, seg, law, ref events);
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
        if (_negativeLi.ChargeToExhaustion_mAh_cm2(s.NegativeLi) <= Tiny_mAh_cm2) Exhaust(ref s.NegativeLi, ref events);
        return seg;
    }

    private double AdvanceFullCharge(ref CellState s, double j, double duration_s, in PlatingLaw law, ref CellEvents events)
    {
        if (s.Cathode.Li_mAh_cm2 <= Tiny_mAh_cm2)
        {
            // Nothing left to oxidise: electrolyte oxidation carries the current.
            events |= CellEvents.CathodeLimit;
            s.ParasiticCharge_mAh_cm2 += j * duration_s / SecondsPerHour;
            return duration_s;
        }
        var seg = Math.Min(duration_s, PlatingEventTime_s(_negativeLi, s.NegativeLi, j, law, DendriteLength_um(s)));
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
                return ChargeUpperPlateau(ref s, j, seg, law, ref events);
            }
        }
        seg = Math.Min(seg, s.Cathode.Li_mAh_cm2 / j * SecondsPerHour);
        var q = j * seg / SecondsPerHour;
        s.Cathode.Li_mAh_cm2 = Math.Max(0.0, s.Cathode.Li_mAh_cm2 - q);
        PlateWithEvents(_negativeLi, ref s.NegativeLi, q, seg, law, ref events);
        return seg;
    }

    /// <summary>Mikhaylik-Akridge: dU/dt = J - k' U for the upper-plateau inventory U = s Q - Li, with
    /// shuttle current k_s U reducing polysulfide at the anode (a share deposits there as Li2S).</summary>
    private double ChargeUpperPlateau(ref CellState s, double j, double maxSeg_s, in PlatingLaw law, ref CellEvents events)
    {
        var sp = _sulfur!.Parameters;
        var share = sp.UpperPlateauShare;
        var k = _shuttle_per_h;
        var deposit = _negativeLi.Parameters.PolysulfideCorrosionShare;
        var kEff = k * (1.0 - deposit * (1.0 - share));
        var u0 = share * s.Cathode.Capacity_mAh_cm2 - s.Cathode.Li_mAh_cm2;
        var uInf = j / kEff;
        var seg_h = UpperPlateauEnd_h(s.Cathode.Li_mAh_cm2, u0, j, k, kEff, deposit, maxSeg_s / SecondsPerHour);
        var decay = Math.Exp(-kEff * seg_h);
        var integralU = uInf * seg_h + (u0 - uInf) * (1.0 - decay) / kEff;
        var shuttled = k * integralU;
        var q = j * seg_h;
        var u1 = uInf + (u0 - uInf) * decay;

        s.Cathode.Capacity_mAh_cm2 -= deposit * shuttled;
        s.Cathode.Li_mAh_cm2 = Math.Max(0.0, share * s.Cathode.Capacity_mAh_cm2 - u1);
        PlateWithEvents(_negativeLi, ref s.NegativeLi, q, seg_h * SecondsPerHour, law, ref events);
        _negativeLi.Corrode(ref s.NegativeLi, shuttled, deposit);
        return seg_h * SecondsPerHour;
    }

    /// <summary>When the cathode's Li runs out on the upper plateau, or maxSeg_h if it does not within it.
    /// The Li2S deposit shrinks the capacity, and with it the end point s Q, while the shuttle runs, so the
    /// end is the root of Li(t) = Li0 - J t + k (1 - d) \int U dt (without a deposit: -ln(1 - f_c) / k).
    /// Li(t) has at most one root; Newton's method, kept inside the bracket by bisection.</summary>
    private static double UpperPlateauEnd_h(double li0, double u0, double j, double k, double kEff, double deposit, double maxSeg_h)
    {
        var uInf = j / kEff;
        double Li(double t) => li0 - j * t + k * (1.0 - deposit) * (uInf * t + (u0 - uInf) * (1.0 - Math.Exp(-kEff * t)) / kEff);
        double Slope(double t) => -j + k * (1.0 - deposit) * (uInf + (u0 - uInf) * Math.Exp(-kEff * t));
        if (Li(maxSeg_h) > 0) return maxSeg_h;
        double lo = 0.0, hi = maxSeg_h, t = maxSeg_h;
        for (var i = 0; i < 100; i++)
        {
            var f = Li(t);
            if (f > 0) lo = t; else hi = t;
            var next = t - f / Slope(t);
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - t) <= 1e-15 * hi) return next; // converged: Li is zero to rounding
            t = next;
        }
        return hi;
    }

    /// <summary>Time until something changes the plating law: Sand's time, or a dendrite reaching the other electrode.</summary>
    private double PlatingEventTime_s(LiElectrode el, in LiElectrodeState st, double j, in PlatingLaw law, double dendrite_um)
    {
        // Li goes into the host's pores first; only Li on the open top surface runs the onset clock and grows dendrites.
        var room = el.HostRoom_mAh_cm2(st) / (1.0 - el.Parameters.FreshSurfaceSeiFraction);
        var t = LiElectrode.TimeToSandOnset_s(st, law);
        t = t <= 1e-9 ? double.PositiveInfinity : t + room / j * SecondsPerHour;
        var growth = LiElectrode.DendriteGrowth_um_per_mAh_cm2(st, law);
        if (growth > 0)
        {
            var q = room + (SeparatorThickness_um - dendrite_um) / growth;
            t = Math.Min(t, Math.Max(q, 0.0) / j * SecondsPerHour + 1e-6);
        }
        return t;
    }

    private static void PlateWithEvents(LiElectrode el, ref LiElectrodeState st, double q, double seg_s, in PlatingLaw law, ref CellEvents events)
    {
        var sandBefore = st.SandProgress;
        var poreBefore = st.Pore_mAh_cm2;
        var overflow = el.Plate(ref st, q, seg_s, law);
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
            q = s.Cathode.Li_mAh_cm2 * (_sulfur is null ? 1.0 : ShuttleStretchEstimate);
        return q / j * SecondsPerHour;
    }
}
