package org.convscope.explain;

import org.convscope.internal.engine.Engine;

/** The calling thread's engine in words, for explanations. */
final class EngineConfigs {
    private EngineConfigs() {}

    /** {@return for example "512-bit vectors" or "scalar loops"} */
    static String width() {
        Engine e = Engine.current();
        return e.vector() ? e.vectorBits() + "-bit vectors" : "scalar loops";
    }
}
