// Preloaded (`node --import`) into a process that router-load.ts measures: answers the IPC message "cpu" with this
// process's `process.cpuUsage()`, so the load script can count CPU seconds per request of that process alone.
if (process.send) {
  process.on('message', (message) => {
    if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
  });
  // An IPC channel keeps a process alive; it must not keep a router from stopping on its own.
  process.channel?.unref();
}
