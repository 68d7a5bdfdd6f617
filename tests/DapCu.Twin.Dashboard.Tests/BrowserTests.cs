using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace DapCu.Twin.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser: Debian's Chromium (tests/setup.d/dashboard-browser.sh installs it) driven by
/// Playwright. Opens the page, starts a fleet from a shipped scenario as a user does, sees live values arrive and
/// change, opens a cell, and saves screenshots under test-results/ of the repository.
/// </summary>
[Collection(LiveServeCollection.Name)]
public sealed class BrowserTests(LiveServeFixture live)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float Guard = (float)LiveServeFixture.Guard.TotalMilliseconds;

    [Fact]
    public async Task Page_starts_a_fleet_shows_live_values_and_opens_a_cell()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} missing: run tests/setup.d/dashboard-browser.sh (Debian package chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(Guard);
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
        page.PageError += (_, e) => consoleErrors.Add(e);

        await page.GotoAsync(live.Serve.BaseAddress.ToString());
        // The shipped fleet scenarios are offered; start the example fleet at a high time scale.
        await page.Locator($"#scenario option[value='{LiveServeFixture.FleetScenario}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#scenario", LiveServeFixture.FleetScenario);
        await page.FillAsync("#start-scale", LiveServeFixture.Scale.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("#start");
        // The page goes to the new fleet, or says why the server refused to start it: fail with that, not a timeout.
        await page.WaitForFunctionAsync("() => location.hash.startsWith('#/fleet/') || document.querySelector('#start-error')?.textContent");
        if (!page.Url.Contains("#/fleet/", StringComparison.Ordinal))
        {
            await page.ScreenshotAsync(new() { Path = Shot("dashboard-start-refused.png"), FullPage = true });
            Assert.Fail("the page could not start the fleet: " + await page.InnerTextAsync("#start-error"));
        }

        // Live values arrive: the clock and the census (which must account for all 2,000 cells of the scenario).
        await page.WaitForFunctionAsync("() => document.querySelector('#fleet-clock')?.dataset.seconds !== undefined");
        var first = await Seconds(page);
        var counted = await page.EvalOnSelectorAllAsync<long[]>("#census td[data-state]", "tds => tds.map(td => +td.textContent)");
        Assert.True(counted.Length > 0, "no census rows");
        // ...and change: the simulated clock moves on with the next pushed message.
        await page.WaitForFunctionAsync($"() => +document.querySelector('#fleet-clock').dataset.seconds > {first.ToString(CultureInfo.InvariantCulture)}");
        Assert.True(await Seconds(page) > first);
        var states = await page.EvalOnSelectorAllAsync<long[]>("#census td[data-state='cycling'], #census td[data-state='resting'], #census td[data-state='finished']",
            "tds => tds.map(td => +td.textContent)");
        Assert.Equal(2000, states.Sum()); // dap-lfp-fleet.yaml: cells: 2000
        await page.ScreenshotAsync(new() { Path = Shot("dashboard-fleet.png"), FullPage = true });

        // Pause from the page: the pushed clock reports it, and the cell's state stands still from here on.
        await page.ClickAsync("#pause");
        await page.WaitForFunctionAsync("() => document.querySelector('#fleet-scale').textContent === 'paused'");
        var fleetId = Uri.UnescapeDataString(page.Url[(page.Url.IndexOf("#/fleet/", StringComparison.Ordinal) + "#/fleet/".Length)..]);

        // Open a cell from the fleet page: it shows what the fleet API says of that cell, and a cycle table.
        await page.ClickAsync("a.cell-link");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("#/cell/.+/\\d+"));
        await page.WaitForFunctionAsync("() => isFinite(parseFloat(document.querySelector('#cell-voltage')?.textContent))");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#cycles tbody tr').length > 0");
        var index = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        var shown = double.Parse(await page.InnerTextAsync("#cell-voltage"), CultureInfo.InvariantCulture);
        var cell = JsonDocument.Parse(await live.Http.GetStringAsync($"api/fleets/{Uri.EscapeDataString(fleetId)}/cells/{index}")).RootElement;
        Assert.Equal(cell.GetProperty("voltage_V").GetDouble(), shown, 4);
        Assert.InRange(shown, 0.0, 4.2); // a Li|LFP cell: below the LFP charge plateau's upper limit, above 0
        var cycles = await page.EvalOnSelectorAllAsync<int[]>("#cycles tbody tr td:first-child", "tds => tds.map(td => +td.textContent)");
        var apiCycles = cell.GetProperty("cycles");
        Assert.Equal(Math.Min(200, apiCycles.GetArrayLength()), cycles.Length); // the latest 200 cycles, newest first
        Assert.Equal(apiCycles[apiCycles.GetArrayLength() - 1].GetProperty("cycle").GetInt32(), cycles[0]);
        await page.ScreenshotAsync(new() { Path = Shot("dashboard-cell.png"), FullPage = true });

        Assert.True(consoleErrors.Count == 0, "browser console errors: " + string.Join("\n", consoleErrors));
    }

    [Fact]
    public async Task Paper_view_runs_a_paper_scenario_and_lists_its_target_rows()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} missing: run tests/setup.d/dashboard-browser.sh (Debian package chromium)");
        const string file = "half-cells-1mA.yaml";
        // The rows the scenario file declares, read here independently of the server.
        var expected = System.Text.RegularExpressions.Regex.Matches(
                File.ReadAllText(Path.Combine(ServeProcess.RepoRoot, "scenarios", "paper", file)), @"^\s*- id: (\S+)", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(expected);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 } });
        page.SetDefaultTimeout(Guard);
        await page.GotoAsync(new Uri(live.Serve.BaseAddress, "#/paper").ToString());
        await page.Locator($"#paper option[value='{file}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#paper", file);
        await page.ClickAsync("#run-paper");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#targets tbody tr').length > 0");
        var rows = await page.EvalOnSelectorAllAsync<string[]>("#targets tbody tr", "trs => trs.map(tr => tr.dataset.target)");
        Assert.Equal(expected, rows);
        // Every row shows the twin's value and a verdict; the CE chart (DAP and PL curves) is drawn.
        var values = await page.EvalOnSelectorAllAsync<string[]>("#targets tbody tr td:nth-child(5)", "tds => tds.map(td => td.textContent)");
        Assert.All(values, v => Assert.True(double.TryParse(v, CultureInfo.InvariantCulture, out _), $"twin value '{v}'"));
        Assert.Equal(1, await page.Locator("#ch-paper-ce canvas").CountAsync());
        await page.ScreenshotAsync(new() { Path = Shot("dashboard-paper.png"), FullPage = true });
    }

    [Fact]
    public async Task Channels_view_shows_emulated_channels_and_injects_and_clears_a_fault()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} missing: run tests/setup.d/dashboard-browser.sh (Debian package chromium)");
        await live.TalkToChannelAsync(); // a client's commands, to be listed
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 800 } });
        page.SetDefaultTimeout(Guard);
        await page.GotoAsync(new Uri(live.Serve.BaseAddress, "#/channels").ToString());
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#channels tbody tr').length === 2"); // Emulator:Channels=2
        await page.WaitForFunctionAsync("() => document.querySelector('#channels tr[data-channel=\"0\"] .cmds').textContent.includes('*IDN?')");

        await page.FillAsync("#channels input[data-channel='0']", "short 0.5");
        await page.ClickAsync("#channels button[data-channel='0'][data-action='inject']");
        await page.WaitForFunctionAsync("() => document.querySelector('#channels tr[data-channel=\"0\"] .f').textContent.startsWith('short 0.5')");
        Assert.Equal("none", await page.InnerTextAsync("#channels tr[data-channel='1'] .f")); // the other channel is untouched
        await page.ScreenshotAsync(new() { Path = Shot("dashboard-channels.png"), FullPage = true });
        await page.ClickAsync("#channels button[data-channel='0'][data-action='clear']");
        await page.WaitForFunctionAsync("() => document.querySelector('#channels tr[data-channel=\"0\"] .f').textContent === 'none'");
    }

    private static async Task<double> Seconds(IPage page) =>
        double.Parse(await page.GetAttributeAsync("#fleet-clock", "data-seconds") ?? "nan", CultureInfo.InvariantCulture);

    /// <summary>Screenshots go to test-results/ of the repository (git-ignored), kept with the run's results.</summary>
    private static string Shot(string name)
    {
        var folder = Path.Combine(ServeProcess.RepoRoot, "test-results");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
