namespace Serverless.Core.Runs;

public static class RunKinds
{
    public const string Users = "users";

    public const string Articles = "articles";
}
