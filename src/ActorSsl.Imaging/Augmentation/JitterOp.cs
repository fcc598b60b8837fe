namespace ActorSsl.Imaging.Augmentation;

/// <summary>The four colour-jitter components, which torchvision applies in a random order.</summary>
public enum JitterOp : byte
{
    Brightness = 0,
    Contrast = 1,
    Saturation = 2,
    Hue = 3,
}
