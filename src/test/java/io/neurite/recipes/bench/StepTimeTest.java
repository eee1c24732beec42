package io.neurite.recipes.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * {@link StepTime#measure}: its thread CPU time is the stepping thread's own and does not count the time a step spends
 * waiting; its process CPU time includes the thread's (give or take the JVM clock's 10 ms tick).
 */
class StepTimeTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void aBusyStepsCpuTimesAreTheThreadsOwn() {
        long[] threadNanos = new long[1];
        int[] steps = new int[1];
        StepTime t = StepTime.measure(() -> {
            long start = THREADS.getCurrentThreadCpuTime();
            while (THREADS.getCurrentThreadCpuTime() - start < 20_000_000L) {
                Thread.onSpinWait();   // spins 20 ms of this thread's CPU time
            }
            threadNanos[0] += THREADS.getCurrentThreadCpuTime() - start;
            steps[0]++;
        }, 0.3, 5);
        double ownMs = threadNanos[0] / 1e6 / steps[0];
        assertEquals(ownMs, t.threadCpuMs(), 0.05 * ownMs, t.toString());
        assertTrue(t.cpuMs() >= ownMs - 10.0 / steps[0], t + " against the thread's " + ownMs);
        assertTrue(t.wallMs() >= ownMs - 0.1, t + " against the thread's " + ownMs);
    }

    @Test
    void aWaitingStepCostsWallTimeButLittleCpu() {
        StepTime t = StepTime.measure(() -> {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0.3, 5);
        assertTrue(t.wallMs() >= 25, t.toString());
        assertTrue(t.threadCpuMs() < 0.1 * t.wallMs(), t.toString());
        // the process's other threads (a JIT still compiling) may run meanwhile, but on no more than every core
        assertTrue(t.cpuMs() <= t.wallMs() * Runtime.getRuntime().availableProcessors() + 10.0 / 5, t.toString());
    }

    @Test
    void eachClockReadsItsOwnColumnAndQuietMeansNineTenthsInTheStepsThread() {
        StepTime[] rounds = {new StepTime(3, 2, 1.9), new StepTime(6, 5, 4)};
        assertArrayEquals(new double[] {3, 6}, StepTime.Clock.WALL.of(rounds));
        assertArrayEquals(new double[] {2, 5}, StepTime.Clock.PROCESS_CPU.of(rounds));
        assertArrayEquals(new double[] {1.9, 4}, StepTime.Clock.THREAD_CPU.of(rounds));
        assertTrue(rounds[0].quietBesideTheStep());    // 1.9 >= 0.9 x 2
        assertFalse(rounds[1].quietBesideTheStep());   // 4 < 0.9 x 5
    }
}
