package org.convscope.example.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** {@code --classes} against the model's output, and a single sigmoid unit read as two classes. No Spark session needed. */
class ClassNamesTest {
    @Test
    void classCountMustFitTheOutput() {
        PredictJob.checkClasses(List.of(), new int[] {-1, 7});
        PredictJob.checkClasses(List.of("a", "b", "c"), new int[] {-1, 3});
        PredictJob.checkClasses(List.of("cat", "dog"), new int[] {-1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PredictJob.checkClasses(List.of("a", "b"), new int[] {-1, 7}));
        assertTrue(e.getMessage().contains("--classes: 2 names given") && e.getMessage().contains("has 7 classes"), e.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> PredictJob.checkClasses(List.of("car"), new int[] {-1, 1}));
        assertTrue(b.getMessage().contains("binary classifier: give 2 names"), b.getMessage());
    }

    /** The rows are schema-less ({@code RowFactory}): read them by the schema's position. */
    private static Object get(Row r, String column) {
        return r.get(ResultSchema.SCHEMA.fieldIndex(column));
    }

    @Test
    void aSigmoidUnitIsTwoClasses() {
        Row dog = ResultSchema.prediction("x.png", new float[] {0.8f}, List.of("cat", "dog"), null);
        assertEquals(1, (int) get(dog, ResultSchema.TOP_CLASS));
        assertEquals("dog", get(dog, ResultSchema.TOP_LABEL));
        assertEquals(0.8f, (float) get(dog, ResultSchema.TOP_PROBABILITY), 1e-6);
        Row cat = ResultSchema.prediction("y.png", new float[] {0.3f}, List.of("cat", "dog"), null);
        assertEquals("cat", get(cat, ResultSchema.TOP_LABEL));
        assertEquals(0.7f, (float) get(cat, ResultSchema.TOP_PROBABILITY), 1e-6);
        Row three = ResultSchema.prediction("z.png", new float[] {0.1f, 0.7f, 0.2f}, List.of("a", "b", "c"), null);
        assertEquals("b", get(three, ResultSchema.TOP_LABEL));
    }
}
