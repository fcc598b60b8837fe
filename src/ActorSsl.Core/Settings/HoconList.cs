using Akka.Configuration.Hocon;

namespace ActorSsl.Core.Settings;

/// <summary>
/// Whether a HOCON value is a list. Akka's <see cref="HoconValue.IsArray"/> answers false for an empty list (<c>[]</c>),
/// which would make <c>per-view = []</c> look like a string and render as <c>""</c>.
/// </summary>
public static class HoconList
{
    public static bool Is(HoconValue value) => value.IsArray() || value.Values.Any(element => element is HoconArray);
}
