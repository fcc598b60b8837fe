using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

public class RandomResizedCropTests
{
    private static RandomResizedCrop Crop(int size) => new(new ViewRecipe { OutputSize = size });

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void FullImageAtIdentitySizeReturnsSource(int channels)
    {
        var source = TestImages.Texture(3, 3, channels);
        var output = new float[channels * 9];
        Crop(3).Resample(source, new CropBox(0, 0, 3, 3), output);
        var expected = TestImages.ToChw(source).Select(b => b / 255f).ToArray();
        TestImages.AssertClose(expected, output, 1e-6f);
    }

    [Fact]
    public void DownscaleByTwoGivesBlockAverages()
    {
        var source = TestImages.FromHwc(4, 4, 1,
            0, 40, 80, 120,
            20, 60, 100, 140,
            200, 210, 10, 30,
            220, 250, 50, 70);
        var output = new float[4];
        Crop(2).Resample(source, new CropBox(0, 0, 4, 4), output);
        // Means of the four 2x2 blocks: (0+40+20+60)/4, (80+120+100+140)/4, (200+210+220+250)/4, (10+30+50+70)/4.
        TestImages.AssertClose([30 / 255f, 110 / 255f, 220 / 255f, 40 / 255f], output);
    }

    [Fact]
    public void NonIntegerDownscaleAveragesCoveredArea()
    {
        // 3 -> 2 columns: output 0 covers [0, 1.5) = all of pixel 0 and half of pixel 1; output 1 the rest.
        var source = TestImages.FromHwc(3, 3, 1, 0, 90, 180, 0, 90, 180, 0, 90, 180);
        var output = new float[4];
        Crop(2).Resample(source, new CropBox(0, 0, 3, 3), output);
        var left = (2 * 0 + 90) / 3f / 255f;
        var right = (90 + 2 * 180) / 3f / 255f;
        TestImages.AssertClose([left, right, left, right], output);
    }

    [Fact]
    public void UpscaleIsBilinearWithPixelCentreAlignment()
    {
        // 2 -> 4: source positions -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        var source = TestImages.FromHwc(2, 2, 1, 0, 100, 200, 40);
        var output = new float[16];
        Crop(4).Resample(source, new CropBox(0, 0, 2, 2), output);
        Assert.Equal(0f, output[0], 5);
        Assert.Equal(25 / 255f, output[1], 5); // 0.75*0 + 0.25*100
        Assert.Equal(58.75f / 255f, output[5], 5); // .5625*0 + .1875*100 + .1875*200 + .0625*40
        Assert.Equal(150 / 255f, output[8], 5); // rows .25/.75 of column 0: .25*0 + .75*200
        Assert.Equal(100 / 255f, output[3], 5);
        Assert.Equal(40 / 255f, output[15], 5);
    }

    [Fact]
    public void CropOffsetReadsTheBoxOnly()
    {
        var source = TestImages.Texture(4, 4, 3);
        var output = new float[3 * 4];
        Crop(2).Resample(source, new CropBox(1, 2, 2, 2), output);
        for (var y = 0; y < 2; y++)
        for (var x = 0; x < 2; x++)
        for (var c = 0; c < 3; c++)
        {
            var expected = source.Pixels[((2 + y) * 4 + 1 + x) * 3 + c] / 255f;
            Assert.Equal(expected, output[c * 4 + y * 2 + x], 6);
        }
    }

    [Theory]
    [InlineData(10)] // area averaging, non-integer factors
    [InlineData(50)] // bilinear enlargement
    public void ConstantImageStaysConstant(int size)
    {
        var source = TestImages.FromHwc(37, 23, 3, Enumerable.Repeat((byte)200, 37 * 23 * 3).ToArray());
        var output = new float[3 * size * size];
        new RandomResizedCrop(new ViewRecipe { OutputSize = size }).Resample(source, new CropBox(3, 2, 31, 19), output);
        TestImages.AssertClose(Enumerable.Repeat(200 / 255f, output.Length).ToArray(), output, 1e-5f);
    }

    [Fact]
    public void ResampleRejectsBoxOutsideImage()
    {
        var source = TestImages.Texture(4, 4, 1);
        var output = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => Crop(2).Resample(source, new CropBox(3, 0, 2, 2), output));
    }

    [Fact]
    public void FullScaleSquareRatioChoosesWholeImage()
    {
        var rng = ViewRandom.For(1, 0, 0, 0);
        var box = RandomResizedCrop.ChooseBox(ref rng, 40, 40, 1.0, 1.0, 1.0, 1.0);
        Assert.Equal(new CropBox(0, 0, 40, 40), box);
    }

    [Fact]
    public void FallsBackToCentredCropClampedToRatioRange()
    {
        for (var sample = 0; sample < 20; sample++)
        {
            var rng = ViewRandom.For(7, 0, sample, 0);
            // Areas of at least 9000 px never fit 10 px of height, so all 10 attempts fail.
            Assert.Equal(new CropBox(493, 0, 13, 10), RandomResizedCrop.ChooseBox(ref rng, 1000, 10, 0.9, 1.0, 3.0 / 4, 4.0 / 3));
            Assert.Equal(new CropBox(0, 493, 10, 13), RandomResizedCrop.ChooseBox(ref rng, 10, 1000, 0.9, 1.0, 3.0 / 4, 4.0 / 3));
        }
    }

    [Fact]
    public void BoxStatisticsFollowTheRecipe()
    {
        const int draws = 2000;
        var crop = Crop(224);
        var sum = 0.0;
        double min = 1, max = 0;
        for (var i = 0; i < draws; i++)
        {
            var rng = ViewRandom.For(42, 3, i, i % 2);
            var box = crop.ChooseBox(ref rng, 200, 200);
            Assert.True(box.FitsIn(200, 200), $"{box} outside the image");
            var ratio = (double)box.Width / box.Height;
            Assert.InRange(ratio, 0.74, 1.35);
            var fraction = box.Width * box.Height / 40000.0;
            Assert.InRange(fraction, 0.195, 1.0);
            sum += fraction;
            min = Math.Min(min, fraction);
            max = Math.Max(max, fraction);
        }
        // A box fits a square when scale <= min(r, 1/r); with log r uniform on ±ln(4/3) the accepted
        // area fraction has mean E[c² − 0.04] / (2 E[c − 0.2]) with c = e^−|u|, which is 0.5385.
        Assert.InRange(sum / draws, 0.5385 - 0.02, 0.5385 + 0.02);
        Assert.True(min < 0.22, $"smallest fraction {min}");
        Assert.True(max > 0.9, $"largest fraction {max}");
    }
}
