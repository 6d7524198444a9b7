# `cmake --install`: the engine as a library other programs build against. Installs the public
# headers (include/voigt/), the archive (libvoigtfit.a), a CMake package (find_package(voigtfit)
# gives the target voigtfit::engine) and a pkg-config file (voigtfit.pc). The CLI is installed
# too. tests/install_consumer/ builds a program against the installed tree.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The thread pool executor uses std::thread: a consumer links the threads library.
find_package(Threads REQUIRED)
target_link_libraries(voigt_engine PUBLIC Threads::Threads)
target_compile_features(voigt_engine PUBLIC cxx_std_17)  # the public headers are C++17

# libvoigtfit.a, position-independent so that the Python module (a shared object) and other
# programs' shared libraries can link it; voigtfit::engine for CMake users.
set_target_properties(voigt_engine PROPERTIES POSITION_INDEPENDENT_CODE ON EXPORT_NAME engine
  OUTPUT_NAME voigtfit)

set(VOIGTFIT_VERSION 0.1.0)
set(VOIGTFIT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/voigtfit)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/include/voigt DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS voigt_engine EXPORT voigtfitTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET voigtfit)
  install(TARGETS voigtfit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(EXPORT voigtfitTargets NAMESPACE voigtfit:: DESTINATION ${VOIGTFIT_CMAKE_DIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/voigtfitConfig.cmake.in
  ${CMAKE_BINARY_DIR}/voigtfitConfig.cmake INSTALL_DESTINATION ${VOIGTFIT_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/voigtfitConfigVersion.cmake
  VERSION ${VOIGTFIT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/voigtfitConfig.cmake ${CMAKE_BINARY_DIR}/voigtfitConfigVersion.cmake
  DESTINATION ${VOIGTFIT_CMAKE_DIR})

# pkg-config: paths relative to the .pc file, so the tree works under any prefix
# (cmake --install --prefix).
file(RELATIVE_PATH VOIGTFIT_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${CMAKE_CURRENT_LIST_DIR}/voigtfit.pc.in ${CMAKE_BINARY_DIR}/voigtfit.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/voigtfit.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
