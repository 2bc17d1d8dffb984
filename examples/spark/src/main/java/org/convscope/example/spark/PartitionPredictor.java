package org.convscope.example.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;

/**
 * Runs the model over one partition of {@code (path, content)} rows, {@code batchSize} images per
 * call, lazily (a partition is never held in memory whole). An image that cannot be decoded
 * becomes an error row; if a batch's model call fails, each of its images gets the error.
 */
public final class PartitionPredictor implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> modelBytes;
    private final String modelFileName;
    private final ImagePreprocessor preprocessor;
    private final String layer;
    private final ActivationPooling pooling;
    private final List<String> labels;
    private final int batchSize;
    private final int threadsPerTask;

    /**
     * @param modelBytes     the broadcast model file
     * @param modelFileName  its file name (the extension names the format)
     * @param preprocessor   image preparation
     * @param layer          the layer whose pooled activations fill {@code embedding}, or null
     * @param pooling        how to pool them
     * @param labels         class names (may be empty)
     * @param batchSize      images per model call
     * @param threadsPerTask GEMM threads per call
     */
    public PartitionPredictor(Broadcast<byte[]> modelBytes, String modelFileName, ImagePreprocessor preprocessor, String layer,
                              ActivationPooling pooling, List<String> labels, int batchSize, int threadsPerTask) {
        this.modelBytes = modelBytes;
        this.modelFileName = modelFileName;
        this.preprocessor = preprocessor;
        this.layer = layer;
        this.pooling = pooling;
        this.labels = List.copyOf(labels);
        this.batchSize = batchSize;
        this.threadsPerTask = threadsPerTask;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        KerasModel model = ExecutorModel.get(modelBytes, modelFileName, threadsPerTask);
        return new Iterator<>() {
            private Iterator<Row> batch = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && input.hasNext()) batch = nextBatch(model, input).iterator();
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return batch.next();
            }
        };
    }

    /** Reads up to batchSize rows and returns their results, in input order. */
    private List<Row> nextBatch(KerasModel model, Iterator<Row> input) {
        List<String> paths = new ArrayList<>(batchSize);
        Row[] results = new Row[batchSize];
        List<Integer> good = new ArrayList<>(batchSize);
        List<Tensor> tensors = new ArrayList<>(batchSize);
        while (paths.size() < batchSize && input.hasNext()) {
            Row r = input.next();
            int i = paths.size();
            String path = r.isNullAt(0) ? "(a row without a path)" : r.getString(0);
            paths.add(path);
            try {
                byte[] bytes = r.isNullAt(1) ? new byte[0] : (byte[]) r.get(1);
                tensors.add(preprocessor.prepare(bytes, path));
                good.add(i);
            } catch (RuntimeException e) {
                results[i] = ResultSchema.error(path, message(e));
            }
        }
        if (!tensors.isEmpty()) {
            try {
                Tensor x = stack(tensors);
                float[][] probabilities = rows(model.predict(x));
                Tensor act = layer == null ? null : model.activations(x, layer).get(layer);
                for (int k = 0; k < good.size(); k++) {
                    int i = good.get(k);
                    results[i] = ResultSchema.prediction(paths.get(i), probabilities[k], labels, act == null ? null : pooling.pool(act, k));
                }
            } catch (RuntimeException e) {
                for (int i : good) results[i] = ResultSchema.error(paths.get(i), "the model failed on this batch: " + message(e));
            }
        }
        return java.util.Arrays.asList(results).subList(0, paths.size());
    }

    /** {@code [1, H, W, C]} tensors → one {@code [n, H, W, C]} batch. */
    static Tensor stack(List<Tensor> items) {
        int[] shape = items.get(0).shape();
        int per = items.get(0).size();
        float[] data = new float[per * items.size()];
        for (int i = 0; i < items.size(); i++) System.arraycopy(items.get(i).data(), 0, data, i * per, per);
        shape[0] = items.size();
        return Tensor.of(data, shape);
    }

    /** A {@code [n, classes]} output as one array per image. */
    private static float[][] rows(Tensor out) {
        int n = out.dim(0), per = out.size() / n;
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) r[i] = java.util.Arrays.copyOfRange(out.data(), i * per, (i + 1) * per);
        return r;
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
