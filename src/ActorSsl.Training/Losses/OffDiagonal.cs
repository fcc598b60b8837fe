using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Losses;

/// <summary>Σ_{i≠j} M_ij² of a square matrix, shared by Barlow Twins and VICReg.</summary>
internal static class OffDiagonal
{
    /// <summary>
    /// The off-diagonal entries of an n×n matrix are, in row-major order, the flat tensor without its last
    /// element viewed as (n−1)×(n+1) minus its first column (the trick of the Barlow Twins code): views only,
    /// no mask and no subtraction of the diagonal from the total, so the sum is exact and costs no D×D buffer.
    /// </summary>
    public static Tensor SquaredSum(Tensor matrix)
    {
        var n = matrix.shape[0];
        if (matrix.dim() != 2 || matrix.shape[1] != n) throw new ArgumentException($"expected a square matrix, got [{string.Join(",", matrix.shape)}]");
        using var flat = matrix.flatten();
        using var head = flat.narrow(0, 0, n * n - 1);
        using var rows = head.view(n - 1, n + 1);
        using var off = rows.narrow(1, 1, n);
        using var squared = off.mul(off);
        return squared.sum();
    }
}
