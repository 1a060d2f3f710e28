# Included from tests/CMakeLists.txt:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay.cmake)
# Builds <target>_replay for each fuzz target (the target's source and
# replay.c: a plain main(), no libFuzzer, so any compiler) and registers
# one test per target that replays its seed corpus and its regression
# inputs: the ordinary build runs them as built, the LP_SANITIZE build
# under ASan + UBSan.
set(LP_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
include(${LP_FUZZ_DIR}/targets.cmake)

foreach(t ${LP_FUZZ_TARGETS})
  add_executable(${t}_replay ${LP_FUZZ_DIR}/${t}.c ${LP_FUZZ_DIR}/replay.c)
  lp_fuzz_setup(${t}_replay)
  add_test(NAME fuzz_replay_${t}
           COMMAND ${t}_replay ${LP_FUZZ_DIR}/corpus/${t}
                   ${LP_FUZZ_DIR}/regressions/${t})
  set_tests_properties(fuzz_replay_${t} PROPERTIES LABELS fuzz TIMEOUT 300)
endforeach()
