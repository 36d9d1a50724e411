package dev.wsmon.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Resource counts of this JVM, for leak checks: file descriptors (Linux) and live threads by name. */
public final class ProcessProbe {

    private static final Path FD_DIR = Path.of("/proc/self/fd");

    private ProcessProbe() {
    }

    /** True where {@code /proc/self/fd} exists (Linux). */
    public static boolean fdCountSupported() {
        return Files.isDirectory(FD_DIR);
    }

    /**
     * Open file descriptors of this process. The count includes the one briefly used to list the
     * directory, consistently, so compare two calls rather than absolute numbers.
     */
    public static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(FD_DIR)) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + FD_DIR + ": needs Linux", e);
        }
    }

    /** Live threads whose name starts with {@code prefix}. */
    public static int liveThreads(String prefix) {
        return liveThreadNames(prefix).size();
    }

    /** Names of the live threads starting with {@code prefix}, sorted, for failure messages. */
    public static List<String> liveThreadNames(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // getThreadInfo(long[]) takes no stack traces, unlike Thread.getAllStackTraces
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(Objects::nonNull) // a thread that ended between the two calls
                .filter(info -> info.getThreadState() != Thread.State.TERMINATED) // joined, not yet deregistered
                .map(ThreadInfo::getThreadName)
                .filter(name -> name.startsWith(prefix))
                .sorted()
                .toList();
    }
}
