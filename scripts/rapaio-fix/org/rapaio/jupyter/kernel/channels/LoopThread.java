package org.rapaio.jupyter.kernel.channels;

/**
 * Replacement for rapaio-jupyter-kernel 3.0.1's LoopThread, put ahead of the kernel jar on its classpath by
 * scripts/notebook-kernel.sh. Same API and loop (run the body, sleep, repeat until shut down or interrupted), without the two
 * start-up races that leave the kernel silent ("Kernel didn't respond"), often on a busy 2-core machine:
 * <ul>
 *   <li>3.0.1 sets the running flag after Thread.start(), so a thread scheduled at once sees false and exits;
 *       here the flag is set first.</li>
 *   <li>Channels starts the shell loop before it registers the message handlers, so an early kernel_info_request
 *       throws a NullPointerException that ends the loop; here a failed pass is reported on stderr and the loop goes
 *       on (Jupyter repeats kernel_info_request until answered).</li>
 * </ul>
 */
public final class LoopThread extends Thread {
    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                System.err.println(getName() + ": " + e + " (loop continues)");
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    /** Ends the loop after the current pass. */
    public void shutdown() {
        running = false;
    }
}
