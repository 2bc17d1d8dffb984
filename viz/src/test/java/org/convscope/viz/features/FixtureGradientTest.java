package org.convscope.viz.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.convscope.grad.Backprop;
import org.convscope.grad.Objectives;
import org.convscope.graph.Graph;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Whole fixture models end to end: the directional derivative g·d of J = Σ w·output (w a random
 * cotangent) against the central difference (J(x + h·d) − J(x − h·d)) / 2h along random directions d,
 * with the engine's float forward pass. d is a unit vector (one leaning on g, so that g·d is large,
 * and two random ones); the error is measured against |g|, the largest directional derivative.
 * Float rounding and ReLU/max kinks limit the agreement, so the difference is taken at five step
 * sizes and the best one counts; the float noise floor is about 1e-4·|g| (a wrong gradient is off by
 * order |g|), so the bound is 2e-3·|g|.
 */
class FixtureGradientTest {
    record Case(String file, String io, int batchItem) {}

    @Test
    void directionalDerivativesOnEveryFixtureModel() {
        List<Case> cases = List.of(
                new Case("keras3/zoo_conv.h5", "keras3/zoo_conv.io.h5", 0),
                new Case("keras3/zoo_pool_norm.h5", "keras3/zoo_pool_norm.io.h5", 0),
                new Case("keras3/zoo_act_merge.h5", "keras3/zoo_act_merge.io.h5", 0),
                new Case("keras3/kaggle_custom_convnet.h5", "keras3/kaggle_custom_convnet.io.h5", 0),
                new Case("keras2/cnn_batch_norm.h5", "keras2/cnn_batch_norm.io.h5", 0),
                new Case("keras2/sepconv2d_tensorflow_2.h5", "keras2/sepconv2d_tensorflow_2.io.h5", 0),
                new Case(FixtureModels.EMOTION, "trained/fer2013_big_XCEPTION.54-0.66.io.h5", 0),
                new Case("trained/gender_mini_XCEPTION.21-0.95.hdf5", "trained/gender_mini_XCEPTION.21-0.95.io.h5", 1));
        Random r = new Random(5);
        for (Case c : cases) {
            KerasModel m = FixtureModels.load(c.file());
            Graph g = m.graph();
            Tensor x = FixtureModels.referenceInput(c.io()).batchItem(c.batchItem());
            String out = g.outputNames().get(0);
            Tensor y = g.run(Map.of(g.inputNames().get(0), x), List.of(out)).get(out);
            Tensor w = Tensor.zeros(y.shape());
            for (int i = 0; i < w.size(); i++) w.data()[i] = (float) r.nextGaussian();
            Tensor grad = Backprop.compute(g, Map.of(g.inputNames().get(0), x), Objectives.weightedSum(out, w), List.of())
                    .gradient(g.inputNames().get(0));
            double gnorm = norm(grad);
            double worst = 0;
            for (int k = 0; k < 3; k++) {
                // Direction 0 leans on the gradient (so g·d is large and its error meaningful), the
                // others are random; all are unit vectors.
                Tensor d = Tensor.zeros(x.shape());
                for (int i = 0; i < d.size(); i++) d.data()[i] = (float) r.nextGaussian();
                double dn = norm(d);
                for (int i = 0; i < d.size(); i++) d.data()[i] = (float) (d.data()[i] / dn + (k == 0 ? grad.data()[i] / gnorm : 0));
                dn = norm(d);
                for (int i = 0; i < d.size(); i++) d.data()[i] /= (float) dn;
                double analytic = 0;
                for (int i = 0; i < d.size(); i++) analytic += (double) grad.data()[i] * d.data()[i];
                double best = Double.MAX_VALUE, bestNum = 0;
                for (double h : new double[] {1e-1, 3e-2, 1e-2, 3e-3, 1e-3}) {
                    double num = (j(g, x, d, h, out, w) - j(g, x, d, -h, out, w)) / (2 * h);
                    double err = Math.abs(num - analytic) / gnorm;
                    if (err < best) { best = err; bestNum = num; }
                }
                System.out.printf("%-45s direction %d: g·d = %.6g, central difference %.6g, |error|/|g| %.1e%n", c.file(), k, analytic, bestNum, best);
                worst = Math.max(worst, best);
            }
            assertTrue(worst < 2e-3, c.file() + ": directional derivative error / |g| = " + worst);
        }
    }

    private static double norm(Tensor t) {
        double s = 0;
        for (float v : t.data()) s += (double) v * v;
        return Math.sqrt(s);
    }

    private static double j(Graph g, Tensor x, Tensor d, double h, String out, Tensor w) {
        Tensor xp = x.copy();
        for (int i = 0; i < xp.size(); i++) xp.data()[i] += (float) (h * d.data()[i]);
        Tensor y = g.run(Map.of(g.inputNames().get(0), xp), List.of(out)).get(out);
        double s = 0;
        for (int i = 0; i < y.size(); i++) s += (double) w.data()[i] * y.data()[i];
        return s;
    }
}
