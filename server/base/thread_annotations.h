// Clang thread-safety annotations (-Wthread-safety), as LevelDB and Abseil
// spell them. They compile to nothing elsewhere; CI builds the server with
// clang and -Wthread-safety -Werror=thread-safety so a member read without
// its mutex is a compile error, not a comment.
//
// gRPC brings Abseil, whose legacy header defines the same names with the
// same meaning; it is included first so both agree and neither redefines.
#pragma once

#if __has_include(<absl/base/internal/thread_annotations.h>)
#include <absl/base/internal/thread_annotations.h>
#endif

#if defined(__clang__)
#define HALL_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define HALL_THREAD_ANNOTATION(x)
#endif

#ifndef CAPABILITY
#define CAPABILITY(x) HALL_THREAD_ANNOTATION(capability(x))
#endif
#ifndef SCOPED_CAPABILITY
#define SCOPED_CAPABILITY HALL_THREAD_ANNOTATION(scoped_lockable)
#endif
#ifndef GUARDED_BY
#define GUARDED_BY(x) HALL_THREAD_ANNOTATION(guarded_by(x))
#endif
#ifndef PT_GUARDED_BY
#define PT_GUARDED_BY(x) HALL_THREAD_ANNOTATION(pt_guarded_by(x))
#endif
#ifndef REQUIRES
#define REQUIRES(...) HALL_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#endif
#ifndef EXCLUDES
#define EXCLUDES(...) HALL_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#endif
#ifndef ACQUIRE
#define ACQUIRE(...) HALL_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#endif
#ifndef RELEASE
#define RELEASE(...) HALL_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#endif
#ifndef NO_THREAD_SAFETY_ANALYSIS
#define NO_THREAD_SAFETY_ANALYSIS HALL_THREAD_ANNOTATION(no_thread_safety_analysis)
#endif
