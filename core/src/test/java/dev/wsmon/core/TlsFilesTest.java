package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Paths as a person types them, one character at a time in the dialog: each gets a message, never an exception of its own. */
class TlsFilesTest {

    @Test
    void aRootOrAFolder_isAMessageNamingIt() {
        assertThatThrownBy(() -> TlsFiles.clientIdentity(Path.of("/"), Optional.empty(), Optional.empty(), Instant.now()))
                .isInstanceOf(TlsFileException.class).hasMessageContaining("--client-cert /");
        assertThatThrownBy(() -> TlsFiles.caCertificates(Path.of("/")))
                .isInstanceOf(TlsFileException.class).hasMessageContaining("--ca /");
    }
}
