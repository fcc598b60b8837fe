using System.Text;

namespace ActorSsl.Deploy.Tests;

/// <summary>Splits a command string into words the way /bin/sh and systemd do for the plain cases used in deploy/.</summary>
internal static class Words
{
    /// <summary>Whitespace-separated words; single and double quotes group and are removed. Variables are left as they are.</summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        Assert.True(quote == '\0', $"unterminated quote in: {text}");
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
