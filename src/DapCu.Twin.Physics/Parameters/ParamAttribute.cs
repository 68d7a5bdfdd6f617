namespace DapCu.Twin.Physics.Parameters;

/// <summary>Documents a model parameter: its unit and where its value comes from
/// (paper figure, textbook, literature, or "fitted to row X" of docs/paper-targets.md). Every number a model
/// uses lives in a parameter record carrying this attribute; a test enforces it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParamAttribute(string unit, string source) : Attribute
{
    public string Unit { get; } = unit;
    public string Source { get; } = source;
}
