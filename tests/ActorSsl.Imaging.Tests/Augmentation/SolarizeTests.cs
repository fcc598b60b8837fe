using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

public class SolarizeTests
{
    [Fact]
    public void InvertsValuesAtOrAboveHalf()
    {
        float[] values = [0.2f, 0.49f, 0.5f, 0.7f, 1f];
        Solarize.Apply(values);
        TestImages.AssertClose([0.2f, 0.49f, 0.5f, 0.3f, 0f], values);
    }

    [Fact]
    public void HonoursThreshold()
    {
        float[] values = [0.7f, 0.9f];
        Solarize.Apply(values, 0.8f);
        TestImages.AssertClose([0.7f, 0.1f], values);
    }
}
