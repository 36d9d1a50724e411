package dev.wsmon.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/** The longest collection since the last {@link #reset}, told by the collectors' notifications: a GC pause stalls the FX thread too. */
final class GcPauses {

    private final AtomicLong longestMillis = new AtomicLong();

    GcPauses() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        long d = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo().getDuration();
                        longestMillis.accumulateAndGet(d, Math::max);
                    }
                }, null, null);
            }
        }
    }

    void reset() {
        longestMillis.set(0);
    }

    long longestMillis() {
        return longestMillis.get();
    }
}
