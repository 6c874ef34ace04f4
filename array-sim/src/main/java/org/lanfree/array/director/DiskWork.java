package org.lanfree.array.director;

/** What the disk directors report back to the array when a stage or destage ends. */
public interface DiskWork {

    void destaged(int slot, long track, Exception failure);

    void staged(int slot, long track, Exception failure);
}
