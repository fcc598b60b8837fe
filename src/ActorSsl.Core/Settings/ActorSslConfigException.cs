namespace ActorSsl.Core.Settings;

/// <summary>A configuration error found at start-up. The message names the HOCON path and the fix.</summary>
public sealed class ActorSslConfigException(string message, Exception? inner = null) : Exception(message, inner);
