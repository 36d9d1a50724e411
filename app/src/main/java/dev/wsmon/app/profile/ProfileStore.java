package dev.wsmon.app.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Profile files on disk. Loading is all or nothing ({@link ProfileCodec}); saving is atomic: a temporary
 * file in the same directory, flushed to disk, renamed over the target, so a crash leaves either the old
 * or the new profile and never half of one. The previous file is kept as {@code FILE.bak}. Both are
 * readable by their owner only where the file system has POSIX permissions: a profile names hosts and
 * the environment variables that hold their secrets.
 */
public final class ProfileStore {

    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ProfileStore() {
    }

    /**
     * @throws ProfileException when the file cannot be read, is malformed, or holds an invalid value
     */
    public static LoadedProfile load(Path file) throws ProfileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProfileException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ProfileException(file + ": cannot be read (" + describe(e) + ")", e);
        }
        return ProfileCodec.read(file.toString(), bytes);
    }

    /**
     * Writes {@code profile} to {@code file} atomically, keeping the previous content as {@code FILE.bak}.
     * Header values are written as the templates they are.
     */
    public static void save(Profile profile, Path file) throws IOException {
        byte[] bytes = ProfileCodec.write(profile);
        Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath(); // keep a symlink a symlink
        Path dir = target.getParent();
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attrs);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (Files.exists(target)) {
                Path bak = target.resolveSibling(target.getFileName() + ".bak");
                Files.copy(target, bak, StandardCopyOption.REPLACE_EXISTING);
                if (posix) {
                    Files.setPosixFilePermissions(bak, OWNER_ONLY);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (posix) {
                Files.setPosixFilePermissions(target, OWNER_ONLY); // a rename keeps tmp's mode; be explicit
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the rename itself durable where the platform allows opening a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not possible on every platform (Windows); the rename is still atomic
        }
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
