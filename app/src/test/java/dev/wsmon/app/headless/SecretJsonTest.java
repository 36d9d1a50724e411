package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wsmon.core.ConnectionSnapshot;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Secret;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whatever output path turns engine values into JSON with a plain mapper gets the redacted forms. */
class SecretJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void secret_andEndpoint_serializeWithoutCredentials_andSnapshotPrintsNone() throws Exception {
        assertThat(json.writeValueAsString(Map.of("h", Secret.of("Bearer QBEARER")))).isEqualTo("{\"h\":\"***\"}");

        Endpoint endpoint = Endpoint.of("ws://alice:S3cretPW@h/x?token=QTOKEN123")
                .withHeaders(Map.of("Authorization", "Bearer QBEARER"));
        String e = json.writeValueAsString(endpoint);
        assertThat(e).contains("\"url\":\"ws://h/x?token=***\"").contains("\"Authorization\":\"***\"");

        ConnectionSnapshot snapshot = new ConnectionSnapshot("c", endpoint.uri(), State.CLOSED, Duration.ZERO, 0, "",
                Optional.empty(), Optional.empty(), Settings.DEFAULTS, false, 0, 0);
        String s = snapshot.toString();
        assertThat(s).contains("ws://h/x?token=***");
        for (String secret : new String[] {"alice", "S3cretPW", "QTOKEN123", "QBEARER"}) {
            assertThat(e + s).doesNotContain(secret);
        }
    }
}
