#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "CEngineSupport.h"

/* The names this process gave its threads, whole: the kernel keeps only 15 bytes of
   each, and the monitor shows the rest. A small ring; a thread named again keeps its slot. */
#define REGISTRY_SIZE 256
static struct { int tid; char name[CENGINE_THREAD_NAME_BYTES]; } registry[REGISTRY_SIZE];
static int registry_count = 0, registry_next = 0;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

static void remember(int tid, const char *name) {
    pthread_mutex_lock(&registry_lock);
    int slot = -1;
    for (int i = 0; i < registry_count; i++) if (registry[i].tid == tid) { slot = i; break; }
    if (slot < 0) {
        slot = registry_next;
        registry_next = (registry_next + 1) % REGISTRY_SIZE;
        if (registry_count < REGISTRY_SIZE) registry_count++;
    }
    registry[slot].tid = tid;
    strncpy(registry[slot].name, name, CENGINE_THREAD_NAME_BYTES - 1);
    registry[slot].name[CENGINE_THREAD_NAME_BYTES - 1] = 0;
    pthread_mutex_unlock(&registry_lock);
}

int cengine_set_thread_name(const char *name) {
    char buf[16];
    strncpy(buf, name, 15);
    buf[15] = 0;
    remember(cengine_gettid(), name);
    return pthread_setname_np(pthread_self(), buf);
}

int cengine_gettid(void) { return (int)syscall(SYS_gettid); }

int cengine_set_thread_nice(int nice) {
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice);
}

int cengine_set_thread_idle(void) {
    struct sched_param param = { .sched_priority = 0 };
    return sched_setscheduler((pid_t)syscall(SYS_gettid), SCHED_IDLE, &param);
}

int cengine_thread_policy_is_idle(void) {
    return sched_getscheduler((pid_t)syscall(SYS_gettid)) == SCHED_IDLE;
}

int cengine_thread_names(int *tids, char *names, int capacity) {
    pthread_mutex_lock(&registry_lock);
    int n = registry_count < capacity ? registry_count : capacity;
    for (int i = 0; i < n; i++) {
        tids[i] = registry[i].tid;
        memcpy(names + (size_t)i * CENGINE_THREAD_NAME_BYTES, registry[i].name, CENGINE_THREAD_NAME_BYTES);
    }
    pthread_mutex_unlock(&registry_lock);
    return n;
}

int cengine_poll_nanos(void *fds, unsigned long count, long long timeout_nanos) {
    if (timeout_nanos < 0) return ppoll(fds, (nfds_t)count, NULL, NULL);
    struct timespec t = { .tv_sec = timeout_nanos / 1000000000LL, .tv_nsec = timeout_nanos % 1000000000LL };
    return ppoll(fds, (nfds_t)count, &t, NULL);
}
