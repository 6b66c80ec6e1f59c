// LD_PRELOAD shim for the soak benchmark: a thread that writes glibc's mallinfo2() every few seconds, to tell
// memory the program holds (in use) from memory the allocator keeps but cannot reuse (free but resident).
//   gcc -O2 -shared -fPIC -o mallinfo.so mallinfo.c -lpthread
//   MALLINFO_OUT=file.csv MALLINFO_EVERY=10 LD_PRELOAD=./mallinfo.so java ...
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void *sample(void *arg) {
    const char *path = getenv("MALLINFO_OUT");
    const char *every = getenv("MALLINFO_EVERY");
    int seconds = every ? atoi(every) : 10;
    FILE *f = fopen(path, "w");
    if (!f) return NULL;
    fprintf(f, "seconds,heap_mb,in_use_mb,free_in_heap_mb,mmapped_mb\n");
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        sleep(seconds);
        struct mallinfo2 m = mallinfo2();  // main arena plus the others: arena = heap obtained with sbrk/heaps
        clock_gettime(CLOCK_MONOTONIC, &t);
        fprintf(f, "%ld,%.1f,%.1f,%.1f,%.1f\n", (long) (t.tv_sec - t0.tv_sec), m.arena / 1048576.0,
                m.uordblks / 1048576.0, m.fordblks / 1048576.0, m.hblkhd / 1048576.0);
        fflush(f);
    }
    return NULL;
}

__attribute__((constructor)) static void start(void) {
    if (!getenv("MALLINFO_OUT")) return;
    pthread_t th;
    pthread_create(&th, NULL, sample, NULL);
    pthread_detach(th);
}
