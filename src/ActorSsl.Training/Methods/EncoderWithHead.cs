using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>A backbone followed by a projection head: forward gives the projection; <see cref="Features"/> the pooled backbone output.</summary>
public sealed class EncoderWithHead : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> backbone;
    private readonly nn.Module<Tensor, Tensor> head;

    public EncoderWithHead(nn.Module<Tensor, Tensor> backbone, nn.Module<Tensor, Tensor> head) : base("encoder")
    {
        this.backbone = backbone;
        this.head = head;
        RegisterComponents();
    }

    public nn.Module<Tensor, Tensor> Backbone => backbone;

    public override Tensor forward(Tensor input)
    {
        using var features = backbone.call(input);
        return head.call(features);
    }

    public Tensor Features(Tensor input) => backbone.call(input);
}
