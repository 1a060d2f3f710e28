# Included from tests/CMakeLists.txt:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/install/ctest.cmake)
# Installs this build into a temporary prefix and builds and runs
# tests/install/backend.c against it, with pkg-config and with
# find_package(libpolicy). Not registered for sanitizer builds: the
# installed library would need the sanitizer runtime in every program
# linked to it (tests/install/run.sh takes LP_TEST_CFLAGS/LP_TEST_LDFLAGS
# to try that by hand).
if(NOT LP_SANITIZE AND NOT LP_FUZZ)
  find_program(LP_BASH bash REQUIRED)
  add_test(NAME install_backend
           COMMAND ${LP_BASH} ${CMAKE_CURRENT_LIST_DIR}/run.sh
                   ${PROJECT_BINARY_DIR} ${CMAKE_COMMAND} $<CONFIG>)
  set_tests_properties(install_backend PROPERTIES LABELS install TIMEOUT 300)
endif()
