namespace DapCu.Twin.Cycler.Scpi;

/// <summary>One node of a program header as written (<c>SENS1</c> is mnemonic SENS, suffix 1).</summary>
public readonly record struct ScpiHeaderNode(string Mnemonic, int? Suffix)
{
    public override string ToString() => Suffix is { } s ? $"{Mnemonic}{s}" : Mnemonic;
}

/// <summary>One message unit of a program message, with the SCPI path context already applied:
/// <see cref="Path"/> is the absolute header. Common commands (<c>*RST</c>) have <see cref="CommonName"/>
/// (without the star) and an empty path.</summary>
public sealed record ScpiCommand(
    IReadOnlyList<ScpiHeaderNode> Path,
    string? CommonName,
    bool IsQuery,
    IReadOnlyList<ScpiParameter> Parameters)
{
    public bool IsCommon => CommonName is not null;

    public string Header => IsCommon
        ? $"*{CommonName}{(IsQuery ? "?" : "")}"
        : ":" + string.Join(':', Path) + (IsQuery ? "?" : "");

    public override string ToString() =>
        Parameters.Count == 0 ? Header : $"{Header} {string.Join(',', Parameters)}";
}

/// <summary>A message unit that either parsed (Command) or did not (Error).</summary>
public readonly record struct ScpiUnit(ScpiCommand? Command, ScpiException? Error);
