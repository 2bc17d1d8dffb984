package org.convscope.internal.conv;

import java.util.function.UnaryOperator;
import org.convscope.engine.EngineConfig.Switch;
import org.convscope.engine.EngineConfig;
import org.convscope.internal.engine.Engine;

/** Engines for tests that pin a path: the process's configuration with one setting changed. */
final class TestEngines {
    private TestEngines() {}

    static Engine with(UnaryOperator<EngineConfig> change) { return Engine.of(change.apply(EngineConfig.global())); }

    static Engine winograd(Switch s) { return with(c -> c.withWinograd(s)); }

    static Engine winogradTile(EngineConfig.WinogradTile t) { return with(c -> c.withWinograd(Switch.ON).withWinogradTile(t)); }

    /** Whether the process's engine has a direct kernel (512- or 256-bit vectors). */
    static boolean direct() { return Engine.global().vector(); }
}
