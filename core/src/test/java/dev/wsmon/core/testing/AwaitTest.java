package dev.wsmon.core.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        assertThatCode(() -> Await.until("third poll", () -> polls.incrementAndGet() >= 3, Duration.ofSeconds(2)))
                .doesNotThrowAnyException();
    }

    @Test
    void failsWithTheTimeoutAndWhatItWaitedFor() {
        assertThatThrownBy(() -> Await.until("the impossible", () -> false, Duration.ofMillis(30)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("timed out after 30 ms waiting for: the impossible");
    }

    @Test
    void checksOnceEvenWithZeroTimeout() {
        assertThatCode(() -> Await.until("already true", () -> true, Duration.ZERO)).doesNotThrowAnyException();
    }
}
