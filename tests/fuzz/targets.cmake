# The fuzz targets and what each one is built from, shared by
# CMakeLists.txt (libFuzzer builds, LP_FUZZ=ON) and replay.cmake (the
# replay programs of the ordinary test suite).
set(LP_FUZZ_TARGETS fuzz_policy fuzz_report fuzz_detect fuzz_roundtrip)

# Include directories and libraries of target t built from extra sources.
function(lp_fuzz_setup t)
  target_include_directories(${t} PRIVATE
    ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/src/detect
    ${LP_FUZZ_DIR})
  target_link_libraries(${t} PRIVATE policy_static PkgConfig::YAML m)
endfunction()
