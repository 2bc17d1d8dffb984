package org.convscope.keras;

import java.util.ArrayList;
import java.util.List;

/**
 * The mutation kinds of the loader fuzz suite. {@code mustRefuse} kinds always make the file wrong
 * in a way the loader can see (a code-bearing layer, a cycle, a kernel that no longer fits its
 * config, a zip bomb, a duplicate entry): loading one is a failure even when the weights look fine.
 */
enum FuzzKind {
    BIT_FLIP(Family.BYTES, false, "1-4 bit flips"),
    BYTE_RUN(Family.BYTES, false, "a run of 1-64 bytes overwritten (random, 00 or FF)"),
    BLOCK_COPY(Family.BYTES, false, "1-256 bytes copied from elsewhere in the file"),
    TRUNCATE(Family.BYTES, false, "cut at a structure boundary (superblock, object header, B-tree, heap, data start/end; zip headers)"),
    HUGE_FIELD(Family.BYTES, false, "2/4/8-byte field after a structure start set to huge, negative or zero"),
    JSON_BROKEN(Family.CONFIG, false, "one character of the config JSON replaced by JSON syntax or NUL"),
    JSON_WRONG_TYPE(Family.CONFIG, false, "a config value replaced by one of another type (or a huge number)"),
    JSON_MISSING_KEY(Family.CONFIG, false, "a config key removed"),
    JSON_UNKNOWN_LAYER(Family.CONFIG, false, "a layer's class_name made unknown or another class"),
    JSON_CODE_LAYER(Family.CONFIG, true, "a layer turned into Lambda / TFOpLambda (code): must be refused"),
    JSON_CYCLE(Family.CONFIG, true, "a layer fed by itself or by a layer it feeds: must be refused"),
    JSON_ABSURD_SHAPE(Family.CONFIG, false, "a shape, kernel size, stride, pool, padding... set to 0, negative or huge"),
    JSON_KERNEL_MISMATCH(Family.CONFIG, true, "filters/units/kernel_size/depth_multiplier +1 or use_bias/center/scale flipped: must be refused"),
    ZIP_BOMB_RATIO(Family.ZIP, true, "an entry deflated from 80 or 400 MiB of zeros (honest or lying size)"),
    ZIP_BOMB_COUNT(Family.ZIP, true, "10,001 to 65,535 entries"),
    ZIP_TRAVERSAL(Family.ZIP, false, "entries named ../x, /tmp/x, C:\\x, a\\..\\..\\x, or a needed entry renamed so"),
    ZIP_DUPLICATE(Family.ZIP, true, "a needed entry twice (same or other content, before or after)"),
    ZIP_WRONG_SIZE(Family.ZIP, false, "an entry's local or central size set wrong"),
    ZIP_WRONG_CRC(Family.ZIP, false, "an entry's local or central CRC set wrong"),
    // issue 21
    HUGE_CONFIG(Family.HOSTILE_CONFIG, true, 1, "the config text 17, 24 or 40 MiB (a huge string value, class name or list of numbers): "
            + "must be refused as a memory limit (LoadLimitException) before it is decoded"),
    CUSTOM_LAYER(Family.HOSTILE_CONFIG, true, "module/registered_name of a custom class on the input layer, any layer or the model: "
            + "must be refused (UnsupportedLayerException)"),
    LONG_VALUE(Family.HOSTILE_CONFIG, false, "a layer name, class name or shape 64-400 KB long: the message must stay short"),
    ZIP_CENTRAL_MISMATCH(Family.ZIP, true, "the central directory disagrees with the local headers (an entry mapped to another's "
            + "header, names swapped, an entry hidden or dropped, another method): must be refused");

    /** What a kind mutates. */
    enum Family { BYTES, CONFIG, ZIP, HOSTILE_CONFIG }

    final Family family;
    final boolean mustRefuse;
    /** How often the kind is picked relative to the others (4 = as often as most; costly kinds less). */
    final int weight;
    final String what;

    FuzzKind(Family family, boolean mustRefuse, String what) {
        this(family, mustRefuse, 4, what);
    }

    FuzzKind(Family family, boolean mustRefuse, int weight, String what) {
        this.family = family;
        this.mustRefuse = mustRefuse;
        this.weight = weight;
        this.what = what;
    }

    /** The kinds that apply to a target. */
    static List<FuzzKind> applicable(FuzzTarget t) {
        List<FuzzKind> out = new ArrayList<>();
        for (FuzzKind k : values()) {
            if (k.family == Family.ZIP && t.format() != FuzzFormat.KERAS) continue;
            if (k == JSON_CYCLE && !t.functional()) continue;
            out.add(k);
        }
        return out;
    }
}
