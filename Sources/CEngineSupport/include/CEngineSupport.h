#ifndef CENGINE_SUPPORT_H
#define CENGINE_SUPPORT_H
/// Names the calling thread (at most 15 bytes are kept), as shown in /proc/<pid>/task/<tid>/comm.
int cengine_set_thread_name(const char *name);
/// The calling thread's kernel thread id.
int cengine_gettid(void);
/// Sets the calling thread's nice value (Linux schedules threads by their own nice).
int cengine_set_thread_nice(int nice);
#endif
