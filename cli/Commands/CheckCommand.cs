using System.CommandLine;
using P4Bpf.Front;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Preprocessing;
using P4Bpf.Front.Syntax;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf check FILE...</c>: preprocesses, parses and type-checks each file (<see cref="FrontEnd"/>) and reports per file.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "P4_16 source files to check.", Arity = ArgumentArity.OneOrMore };
        var includes = new Option<string[]>("--include", "-I") { Description = "Add a directory to the #include search path.", AllowMultipleArgumentsPerToken = false };
        var defines = new Option<string[]>("--define", "-D") { Description = "Define a preprocessor macro: NAME or NAME=VALUE." };
        var dump = new Option<string?>("--dump") { Description = "Print an intermediate form of the (single) file: 'ast' or 'typed'." };
        dump.AcceptOnlyFromAmong("ast", "typed");
        var verbose = new Option<bool>("--all-diagnostics") { Description = "Print every diagnostic of a failing file, not only the first." };
        var command = new Command("check", "Preprocess, parse and type-check P4_16 files; print 'FILE: ok' or the first error of each.")
        {
            files, includes, defines, dump, verbose,
        };
        command.SetAction(parse => Run(
            parse.GetValue(files) ?? [],
            parse.GetValue(includes) ?? [],
            parse.GetValue(defines) ?? [],
            parse.GetValue(dump),
            parse.GetValue(verbose)));
        return command;
    }

    private static int Run(string[] files, string[] includes, string[] defines, string? dump, bool allDiagnostics)
    {
        if (dump is not null && files.Length != 1)
        {
            throw new CliException("--dump needs exactly one file");
        }
        var optionDiagnostics = new DiagnosticBag();
        var options = new PreprocessorOptions
        {
            IncludeDirectories = includes,
            Defines = PreprocessorOptions.ParseDefines(defines, optionDiagnostics),
        };
        foreach (var diagnostic in optionDiagnostics.Items)
        {
            Console.Error.WriteLine(diagnostic.ToString());
        }
        if (optionDiagnostics.HasErrors)
        {
            return 2;
        }
        int passed = 0, failed = 0;
        foreach (var file in files)
        {
            var diagnostics = new DiagnosticBag();
            var tree = SyntaxTree.ParseFile(file, options, diagnostics);
            var checkedFile = FrontEnd.Check(tree, diagnostics);
            if (dump == "typed")
            {
                Console.Write(checkedFile.DumpTyped());
            }
            if (dump == "ast")
            {
                Console.Write(SyntaxDumper.Dump(tree.Root));
            }
            var errors = diagnostics.Sorted().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count == 0)
            {
                passed++;
                Console.WriteLine($"{file}: ok");
                continue;
            }
            failed++;
            foreach (var error in allDiagnostics ? errors : errors.Take(1))
            {
                Console.WriteLine($"{file}: {tree.Format(error)}");
            }
        }
        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
