package io.neurite.recipes.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.ToDoubleFunction;

/**
 * Milliseconds per step of one timed round, three ways: on the wall clock; in the CPU time of the whole process (all
 * its threads: for the JVM also the JIT compiler's and the garbage collector's); and in the CPU time of the thread that
 * ran the steps (with one native thread, the step's own work). On a machine shared with other work the wall clock
 * also counts the time other processes held the cores; CPU time does not. With several compute threads CPU time adds
 * them up, so there only the wall clock says which is faster.
 */
record StepTime(double wallMs, double cpuMs, double threadCpuMs) {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The three clocks, each with the label the benchmark prints. */
    enum Clock {
        WALL("wall", StepTime::wallMs),
        PROCESS_CPU("cpu", StepTime::cpuMs),
        THREAD_CPU("thread cpu", StepTime::threadCpuMs);

        final String label;
        private final ToDoubleFunction<StepTime> ms;

        Clock(String label, ToDoubleFunction<StepTime> ms) {
            this.label = label;
            this.ms = ms;
        }

        /** This clock's milliseconds per step of each round. */
        double[] of(StepTime[] rounds) {
            double[] v = new double[rounds.length];
            for (int i = 0; i < v.length; i++) v[i] = ms.applyAsDouble(rounds[i]);
            return v;
        }
    }

    /**
     * Runs {@code step} for at least {@code seconds} and {@code minSteps} calls and returns the mean per call. The
     * JVM's process CPU clock ticks in 10 ms on Linux, so rounds of a second or more keep its error under 1%.
     */
    static StepTime measure(Runnable step, double seconds, int minSteps) {
        long cpu0 = OS.getProcessCpuTime();
        long thread0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int steps = 0;
        while (steps < minSteps || System.nanoTime() - t0 < seconds * 1e9) {
            step.run();
            steps++;
        }
        long wall = System.nanoTime() - t0;
        long thread = THREADS.getCurrentThreadCpuTime() - thread0;
        long cpu = OS.getProcessCpuTime() - cpu0;
        return new StepTime(wall / 1e6 / steps, cpu / 1e6 / steps, thread / 1e6 / steps);
    }

    /**
     * Whether the process's other threads took under a tenth of its CPU time in this round: after start-up the JIT
     * compiles for tens of seconds in the background (longer under load), which would count in the process's CPU.
     */
    boolean quietBesideTheStep() {
        return threadCpuMs >= 0.9 * cpuMs;
    }
}
