using Spectre.Console;

namespace Serverless.Local.Commands.Runs;

/// <summary>Spectre writing to a command's output (a StringWriter in tests): no colours, wide enough for run ids.</summary>
public static class PlainConsole
{
    public static IAnsiConsole For(TextWriter output)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        if (!Console.IsOutputRedirected && ReferenceEquals(output, Console.Out))
        {
            return console;
        }

        console.Profile.Width = 200;
        return console;
    }
}
