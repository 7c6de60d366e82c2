// Clang thread-safety annotations (-Wthread-safety), as LevelDB and Abseil
// spell them. They compile to nothing elsewhere; CI builds the server with
// clang and -Wthread-safety -Werror=thread-safety so a member read without
// its mutex is a compile error, not a comment.
#pragma once

#if defined(__clang__)
#define HALL_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define HALL_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) HALL_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY HALL_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) HALL_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) HALL_THREAD_ANNOTATION(pt_guarded_by(x))
#define REQUIRES(...) HALL_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) HALL_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) HALL_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) HALL_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define NO_THREAD_SAFETY_ANALYSIS HALL_THREAD_ANNOTATION(no_thread_safety_analysis)
