package io.opstate.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a put's file writer promises: every byte written, flushed ahead in steps, and no flush failure lost. */
class DurableFileOutputTest {
    @TempDir
    Path folder;

    @Test
    void writesEveryByteAndFlushesAheadWhileWriting() throws IOException {
        byte[] content = new byte[(int) (2.5 * DurableFileOutput.STEP)];
        new Random(1).nextBytes(content);
        Path file = folder.resolve("blob");
        AtomicInteger dataFlushes = new AtomicInteger();
        try (FileChannel channel = new CountingChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), dataFlushes, false);
             DurableFileOutput out = new DurableFileOutput(channel)) {
            for (int offset = 0; offset < content.length; offset += 100_000) {
                out.write(content, offset, Math.min(100_000, content.length - offset));
                out.awaitFlush();
            }
            out.sync();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(dataFlushes).hasValue(2);
    }

    @Test
    void aFailedBackgroundFlushFailsTheFinalSyncEvenWhenTheFinalFsyncSucceeds() throws IOException {
        Path file = folder.resolve("blob");
        try (FileChannel channel = new CountingChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), new AtomicInteger(), true);
             DurableFileOutput out = new DurableFileOutput(channel)) {
            out.write(new byte[(int) DurableFileOutput.STEP + 1], 0, (int) DurableFileOutput.STEP + 1);
            assertThatThrownBy(out::sync).isInstanceOf(IOException.class).hasMessageContaining("earlier flush")
                    .hasRootCauseMessage("EIO");
        }
    }

    /** A file channel counting its data-only flushes, the first of which fails when asked to, as a bad disk's would. */
    private static final class CountingChannel extends FileChannel {
        private final FileChannel file;
        private final AtomicInteger dataFlushes;
        private final boolean failFirst;

        CountingChannel(FileChannel file, AtomicInteger dataFlushes, boolean failFirst) {
            this.file = file;
            this.dataFlushes = dataFlushes;
            this.failFirst = failFirst;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (!metaData && dataFlushes.incrementAndGet() == 1 && failFirst) {
                throw new IOException("EIO");
            }
            file.force(metaData);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileChannel position(long newPosition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }
    }
}
