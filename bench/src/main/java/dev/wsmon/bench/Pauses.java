package dev.wsmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM's stop-the-world time, read from its {@code -Xlog:gc,safepoint} file: every thread of the
 * JVM (the engine's, the library's readers and writers) stands still during a safepoint, so a long one
 * can make a pong late.
 */
final class Pauses {

    /** Safepoints this long or longer are listed one by one. */
    static final double LIST_FROM_MS = 100;

    private static final Pattern SAFEPOINT = Pattern.compile(
            "^\\[([^]]+)]\\[[^]]+] Safepoint \"([^\"]+)\".*Reaching safepoint: (\\d+) ns.*Total: (\\d+) ns");
    private static final Pattern GC_PAUSE = Pattern.compile("^\\[([^]]+)]\\[[^]]+] (GC\\(\\d+\\) Pause .*) (\\d+(?:\\.\\d+)?)ms$");

    private Pauses() {
    }

    static Map<String, Object> of(Path log) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            m.put("error", "cannot read " + log + ": " + e.getMessage());
            return m;
        }
        int safepoints = 0;
        double longest = 0;
        double longestReach = 0;
        String longestAt = "";
        int gcs = 0;
        double longestGc = 0;
        List<String> listed = new ArrayList<>();
        for (String line : lines) {
            Matcher s = SAFEPOINT.matcher(line);
            if (s.find()) {
                safepoints++;
                double total = Long.parseLong(s.group(4)) / 1e6;
                longestReach = Math.max(longestReach, Long.parseLong(s.group(3)) / 1e6);
                if (total > longest) {
                    longest = total;
                    longestAt = s.group(1) + " " + s.group(2);
                }
                if (total >= LIST_FROM_MS && listed.size() < 20) {
                    listed.add(s.group(1) + " " + s.group(2) + " " + Bench.f(total) + " ms");
                }
                continue;
            }
            Matcher g = GC_PAUSE.matcher(line);
            if (g.find()) {
                gcs++;
                longestGc = Math.max(longestGc, Double.parseDouble(g.group(3)));
            }
        }
        m.put("safepoints", safepoints);
        m.put("longest_safepoint_ms", longest);
        m.put("longest_safepoint", longestAt);
        m.put("longest_time_to_safepoint_ms", longestReach);
        m.put("gc_pauses", gcs);
        m.put("longest_gc_pause_ms", longestGc);
        m.put("safepoints_from_" + (long) LIST_FROM_MS + "ms", listed);
        return m;
    }
}
