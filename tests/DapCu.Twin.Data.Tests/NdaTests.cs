namespace DapCu.Twin.Data.Tests;

/// <summary>
/// Neware .nda (the binary before .ndax) read natively, checked record by record against NewareNDA's own output for
/// the same file (the Feather files its test suite keeps in tests/reference), read with Apache Arrow, not our importer.
/// </summary>
public class NdaTests
{
    [Theory]
    [InlineData("neware-new_nda_file.nda")]          // version 29 (BTS 7/8)
    [InlineData("neware-2-1-6_61-07005012.nda")]     // version 130, BTS 9.0 (88-byte records)
    [InlineData("neware-TestFile.nda")]              // version 130, BTS 9.1 (records starting 0x55)
    // .nda counts cycles as NewareNDA does (the cycle is checked); its time is compared at float precision.
    public void Nda_agrees_with_newarenda(string name) =>
        NewareBinaryTests.AgreesWithNewarenda(name, CyclerFormat.NewareNda, timeTolerance: 1e-6, checkCycle: true);
}
