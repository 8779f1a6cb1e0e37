namespace Iomt.Clinical.Falls;

/// <summary>
/// Fits a <see cref="FallModel"/> by L2-regularised logistic regression (full-batch gradient descent
/// on standardised features). Deterministic: the same rows give the same model.
/// </summary>
public static class FallModelTrainer
{
    /// <summary>Trains on <paramref name="rows"/> (feature vectors) with labels <paramref name="isFall"/>.</summary>
    /// <param name="rows">Feature vectors, each <see cref="FallFeatures.Count"/> long.</param>
    /// <param name="isFall">True for the positive class.</param>
    /// <param name="l2">Ridge penalty on the weights (not the bias).</param>
    /// <param name="positiveWeight">Weight of a positive row relative to a negative one; above 1 favours sensitivity.</param>
    /// <param name="threshold">Decision threshold stored in the model.</param>
    public static FallModel Train(IReadOnlyList<double[]> rows, IReadOnlyList<bool> isFall, double l2 = 1e-3, double positiveWeight = 1, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(isFall);
        var n = rows.Count;
        var d = FallFeatures.Count;
        var means = new double[d];
        var scales = new double[d];
        for (var j = 0; j < d; j++)
        {
            double sum = 0, sumSq = 0;
            foreach (var row in rows)
            {
                sum += row[j];
                sumSq += row[j] * row[j];
            }

            means[j] = sum / Math.Max(1, n);
            scales[j] = Math.Max(1e-6, Math.Sqrt(Math.Max(0, (sumSq / Math.Max(1, n)) - (means[j] * means[j]))));
        }

        var x = new double[n][];
        for (var i = 0; i < n; i++)
        {
            x[i] = new double[d];
            for (var j = 0; j < d; j++)
            {
                x[i][j] = (rows[i][j] - means[j]) / scales[j];
            }
        }

        var weights = new double[d];
        var bias = 0.0;
        var gradient = new double[d];
        var totalWeight = 0.0;
        for (var i = 0; i < n; i++)
        {
            totalWeight += isFall[i] ? positiveWeight : 1;
        }

        // Standardised inputs make a fixed step size safe; 3000 full-batch steps converge for 7 features.
        const double step = 0.5;
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            Array.Clear(gradient);
            var gradientBias = 0.0;
            for (var i = 0; i < n; i++)
            {
                var z = bias;
                for (var j = 0; j < d; j++)
                {
                    z += weights[j] * x[i][j];
                }

                var p = 1 / (1 + Math.Exp(-z));
                var w = isFall[i] ? positiveWeight : 1;
                var error = w * (p - (isFall[i] ? 1 : 0));
                for (var j = 0; j < d; j++)
                {
                    gradient[j] += error * x[i][j];
                }

                gradientBias += error;
            }

            for (var j = 0; j < d; j++)
            {
                weights[j] -= step * ((gradient[j] / totalWeight) + (l2 * weights[j]));
            }

            bias -= step * gradientBias / totalWeight;
        }

        return new FallModel { Means = means, Scales = scales, Weights = weights, Bias = bias, Threshold = threshold };
    }
}
