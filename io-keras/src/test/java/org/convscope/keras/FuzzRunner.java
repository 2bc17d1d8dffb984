package org.convscope.keras;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Loads one mutated file by path (written to a temporary folder, loaded with
 * {@link KerasModel#load(Path)}) or from memory ({@link KerasModel#load(byte[], String)}), on one
 * worker thread with a time limit, and classifies what happened. A worker stuck past the limit is
 * abandoned (it is a daemon) and a new one started.
 */
final class FuzzRunner implements AutoCloseable {
    /** How a case is opened. */
    enum Mode { BY_PATH, IN_MEMORY }

    /** One attempt's outcome, with the exception (or detail) behind it. */
    record Attempt(FuzzOutcome outcome, String detail, Throwable error) { }

    /** The longest message allowed: the loader caps messages at 2000 characters (Quote), plus a margin. */
    static final int MAX_MESSAGE = 2100;

    private final Path dir;
    private final long limitMillis;
    private ExecutorService worker = daemonWorker("loader-fuzz");

    FuzzRunner(Path dir, long limitMillis) {
        this.dir = dir;
        this.limitMillis = limitMillis;
    }

    /** One daemon thread for loads that may hang: a stuck one never keeps the test JVM alive. */
    static ExecutorService daemonWorker(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    Attempt run(FuzzCase c, Mode mode) throws Exception {
        Path caseDir = Files.createDirectories(dir.resolve("case-" + c.number() + "-" + mode));
        try {
            Callable<Attempt> load = () -> attempt(c, mode, caseDir);
            Future<Attempt> f = worker.submit(load);
            try {
                return f.get(limitMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                worker.shutdownNow();
                worker = daemonWorker("loader-fuzz");
                return new Attempt(FuzzOutcome.FAIL_TIMEOUT, "over " + limitMillis + " ms", null);
            } catch (ExecutionException e) {
                return new Attempt(FuzzOutcome.FAIL_EXCEPTION, "harness: " + e.getCause(), e.getCause());
            }
        } finally {
            deleteTree(caseDir);
        }
    }

    private static Attempt attempt(FuzzCase c, Mode mode, Path caseDir) throws Exception {
        boolean memory = mode == Mode.IN_MEMORY;
        Path file = memory ? Path.of("mem", c.target().fileName()) : caseDir.resolve(c.target().fileName());
        Path arch = c.architecture() == null ? null : memory ? Path.of("mem", FuzzTarget.ARCH_NAME) : caseDir.resolve(FuzzTarget.ARCH_NAME);
        if (!memory) {
            Files.write(file, c.file());
            if (arch != null) Files.write(arch, c.architecture());
        }
        KerasModel m;
        try {
            if (arch == null) m = memory ? KerasModel.load(c.file(), file.toString()) : KerasModel.load(file);
            else m = memory ? ModelLoader.loadWeights(file, c.file(), arch, c.architecture()) : KerasModel.load(file, arch);
        } catch (Throwable e) { // the point: anything may come out, and everything is classified
            return refused(c, e, file.toString(), arch == null ? null : arch.toString());
        }
        return loaded(c, m);
    }

    private static Attempt refused(FuzzCase c, Throwable e, String name, String archName) {
        for (Throwable x = e; x != null; x = x.getCause()) {
            if (x instanceof VirtualMachineError) return new Attempt(FuzzOutcome.FAIL_VM_ERROR, x.toString(), e);
            if (x.getCause() == x) break;
        }
        if (!(e instanceof KerasLoadException)) return new Attempt(FuzzOutcome.FAIL_EXCEPTION, e.toString(), e);
        String msg = String.valueOf(e.getMessage());
        if (!msg.contains(name) && (archName == null || !msg.contains(archName))) {
            return new Attempt(FuzzOutcome.FAIL_MESSAGE, msg, e);
        }
        if (msg.length() > MAX_MESSAGE || msg.contains("\n")) {
            return new Attempt(FuzzOutcome.FAIL_MESSAGE, "a message of " + msg.length() + " characters (at most " + MAX_MESSAGE
                    + ", one line): " + msg.substring(0, Math.min(300, msg.length())), e);
        }
        if ((c.kind() == FuzzKind.JSON_CODE_LAYER || c.kind() == FuzzKind.CUSTOM_LAYER) && !(e instanceof UnsupportedLayerException)) {
            return new Attempt(FuzzOutcome.FAIL_WRONG_TYPE, "a code layer refused as " + e.getClass().getSimpleName() + ": " + msg, e);
        }
        if (c.kind() == FuzzKind.HUGE_CONFIG && !(e instanceof LoadLimitException)) {
            return new Attempt(FuzzOutcome.FAIL_WRONG_TYPE, "a huge config refused as " + e.getClass().getSimpleName() + ": " + msg, e);
        }
        boolean net = msg.contains(": cannot load the model (");
        return new Attempt(net ? FuzzOutcome.REFUSED_BY_NET : FuzzOutcome.REFUSED, e.getClass().getSimpleName() + ": " + msg, e);
    }

    private static Attempt loaded(FuzzCase c, KerasModel m) {
        WeightPrint p = WeightPrint.of(m);
        FuzzTarget t = c.target();
        if (p.shapesDiffer(t.print())) {
            return new Attempt(FuzzOutcome.FAIL_SHAPE, "weights " + p.shapes() + " instead of " + t.print().shapes(), null);
        }
        if (c.kind().mustRefuse) return new Attempt(FuzzOutcome.FAIL_ACCEPTED, "loaded: " + m, null);
        if (p.valuesDiffer(t.print())) return new Attempt(FuzzOutcome.LOADED_OTHER_VALUES, "", null);
        if (!m.summary().equals(t.summary())) return new Attempt(FuzzOutcome.LOADED_OTHER_MODEL, "", null);
        return new Attempt(FuzzOutcome.LOADED_SAME, "", null);
    }

    /** True when a file named like {@link ZipMutator#EVIL} exists where a hostile entry could have put it. */
    static boolean evilFileExists(Path dir) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (Path p : new Path[] {dir, dir.getParent(), tmp, Path.of("").toAbsolutePath(), Path.of("").toAbsolutePath().getParent()}) {
            if (p != null && Files.exists(p.resolve(ZipMutator.EVIL))) return true;
        }
        return false;
    }

    private static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }

    @Override
    public void close() { worker.shutdownNow(); }
}
