namespace ActorSsl.Deploy.Tests;

/// <summary>deploy/Dockerfile as instructions (continuation lines joined, comments dropped), split into stages.</summary>
internal sealed class Dockerfile
{
    public sealed record Instruction(string Keyword, string Arguments, int Line);

    public Dockerfile(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var current = "";
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#'))) continue;
            if (current.Length > 0 && line.StartsWith('#')) continue; // comment lines inside a continued instruction
            if (current.Length == 0) start = i + 1;
            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }
            current += line;
            var space = current.IndexOfAny([' ', '\t']);
            var keyword = space < 0 ? current : current[..space];
            Instructions.Add(new Instruction(keyword.ToUpperInvariant(), space < 0 ? "" : current[(space + 1)..].Trim(), start));
            current = "";
        }
        foreach (var instruction in Instructions)
        {
            if (instruction.Keyword == "FROM") Stages.Add(new List<Instruction>());
            if (Stages.Count > 0) Stages[^1].Add(instruction);
        }
    }

    public List<Instruction> Instructions { get; } = new();

    /// <summary>Each stage's instructions, starting with its FROM.</summary>
    public List<List<Instruction>> Stages { get; } = new();

    public List<Instruction> FinalStage => Stages[^1];

    /// <summary>The stage named with FROM … AS name.</summary>
    public List<Instruction> Stage(string name) =>
        Stages.SingleOrDefault(s => s[0].Arguments.EndsWith(" AS " + name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidDataException($"deploy/Dockerfile: no stage named {name}");
}
