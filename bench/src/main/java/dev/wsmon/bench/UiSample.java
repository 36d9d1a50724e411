package dev.wsmon.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/** The CPU time of the FX thread, the render thread and the whole UI process, GC and heap, at one moment. */
record UiSample(long nanos, long fxCpu, long renderCpu, long processCpu, long gcCount, long gcMillis, long heapUsed) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** @param renderThread the render thread's id, or -1 when none was found */
    static UiSample take(long fxThread, long renderThread) {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new UiSample(System.nanoTime(), THREADS.getThreadCpuTime(fxThread),
                renderThread < 0 ? 0 : THREADS.getThreadCpuTime(renderThread), OS.getProcessCpuTime(), count, millis,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** The id of the live thread called {@code name}, or -1. */
    static long threadNamed(String name) {
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().equals(name)) {
                return t.getThreadId();
            }
        }
        return -1;
    }

    /** CPU of one thread (or the process) between two samples, in % of one core. */
    static double percent(long cpuBefore, long cpuAfter, UiSample from, UiSample to) {
        return 100.0 * (cpuAfter - cpuBefore) / (to.nanos - from.nanos);
    }
}
