#ifndef CENGINE_SUPPORT_H
#define CENGINE_SUPPORT_H
/// Names the calling thread (at most 15 bytes are kept by the kernel, as shown in
/// /proc/<pid>/task/<tid>/comm) and remembers the whole name (up to 63 bytes) for
/// `cengine_thread_names`.
int cengine_set_thread_name(const char *name);
/// The calling thread's kernel thread id.
int cengine_gettid(void);
/// Sets the calling thread's nice value (Linux schedules threads by their own nice).
int cengine_set_thread_nice(int nice);
/// Moves the calling thread to SCHED_IDLE (it runs only when a core would otherwise be idle). 0 on success.
int cengine_set_thread_idle(void);
/// 1 when the calling thread runs under SCHED_IDLE.
int cengine_thread_policy_is_idle(void);
/// Bytes per name in `cengine_thread_names`' output, the terminating zero included.
#define CENGINE_THREAD_NAME_BYTES 64
/// Copies up to `capacity` (tid, whole name) pairs set through `cengine_set_thread_name`
/// (the most recent 256 threads): names[i * CENGINE_THREAD_NAME_BYTES] is tids[i]'s name.
/// Returns how many were copied.
int cengine_thread_names(int *tids, char *names, int capacity);
/// poll(2) with a timeout in nanoseconds (ppoll, a GNU extension): the load generator
/// waits for answers and for the next scheduled send with sub-millisecond precision.
/// A negative timeout waits without limit. Returns what ppoll returns.
/// `fds` points to `count` `struct pollfd`.
int cengine_poll_nanos(void *fds, unsigned long count, long long timeout_nanos);
#endif
