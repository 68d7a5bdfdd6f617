namespace DapCu.Twin.Cli;

/// <summary>Process exit codes of dapcu, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Everything ran; every paper target landed in its band.</summary>
    public const int Ok = 0;
    /// <summary>A run failed while running (a bug or an engine error); see the message.</summary>
    public const int RunFailed = 1;
    /// <summary>Bad input: a scenario file, path or option is wrong; nothing was written.</summary>
    public const int InvalidInput = 2;
    /// <summary>Everything ran, but at least one paper target missed its band.</summary>
    public const int TargetsMissed = 3;
    /// <summary>Interrupted (Ctrl-C): finished scenarios are kept, the interrupted one is marked incomplete.</summary>
    public const int Interrupted = 130;
}
