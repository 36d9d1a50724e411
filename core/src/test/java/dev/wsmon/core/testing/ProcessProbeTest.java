package dev.wsmon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ProcessProbeTest {

    @Test
    void countsOpenedAndClosedDescriptors() throws Exception {
        assumeTrue(ProcessProbe.fdCountSupported(), "needs /proc/self/fd");
        long before = ProcessProbe.openFileDescriptors();
        List<Pipe> pipes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pipes.add(Pipe.open()); // two descriptors each
        }

        long during = ProcessProbe.openFileDescriptors();
        for (Pipe pipe : pipes) {
            pipe.source().close();
            pipe.sink().close();
        }
        long after = ProcessProbe.openFileDescriptors();

        // other threads of the JVM may open or close a few descriptors meanwhile: 100 against a margin of 10
        assertThat(during - before).isGreaterThanOrEqualTo(90);
        assertThat(during - after).isGreaterThanOrEqualTo(90);
    }

    @Test
    void countsLiveThreadsByNamePrefix() throws Exception {
        String prefix = "probe-test-" + UUID.randomUUID() + "-";
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (String suffix : List.of("b", "a")) {
            Thread thread = new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, prefix + suffix);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }

        assertThat(ProcessProbe.liveThreads(prefix)).isEqualTo(2);
        assertThat(ProcessProbe.liveThreadNames(prefix)).containsExactly(prefix + "a", prefix + "b");

        release.countDown();
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        assertThat(ProcessProbe.liveThreads(prefix)).isZero();
    }
}
