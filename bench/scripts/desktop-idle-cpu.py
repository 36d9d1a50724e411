#!/usr/bin/env python3
"""The desktop app's idle CPU, as a new user would run it: the demo (empty config and data directories) in a
1400x900 Xvfb display with software rendering. After WARMUP seconds, NWINDOWS windows of WINDOW seconds each; per
window the java process's utime + stime from /proc as a percentage of one core, the same without the JIT compiler
threads, and every thread's share (grouped by name, digits folded). Xvfb's own CPU is not counted.

usage: bench/scripts/desktop-idle-cpu.py JAR DISPLAY WARMUP WINDOW NWINDOWS [java options...]
  e.g. bench/scripts/desktop-idle-cpu.py app/target/wsmon.jar 91 240 60 6
Two builds side by side: run two of these at once on two displays (the machine otherwise idle).
SHOT=file.png takes a screenshot after the last window. Needs Xvfb (xvfb) and, for SHOT, import (imagemagick)."""
import os, sys, subprocess, time, tempfile, re, collections
jar, disp, warm, win, n = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
extra = sys.argv[6:]
HZ = os.sysconf('SC_CLK_TCK')
xvfb = subprocess.Popen(['Xvfb', ':' + disp, '-screen', '0', '1400x900x24', '-nolisten', 'tcp'],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1.5)
env = dict(os.environ, DISPLAY=':' + disp)
cfg, data = tempfile.mkdtemp(), tempfile.mkdtemp()
cmd = ['java', '-Dprism.order=sw', '-Dwsmon.config.dir=' + cfg, '-Dwsmon.data.dir=' + data] + extra + ['-jar', jar]
log = open(os.environ.get('APP_LOG', os.devnull), 'w')
app = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
pid = app.pid
def snap():
    out = {}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            s = open(f'/proc/{pid}/task/{t}/stat').read()
        except OSError:
            continue
        comm = s[s.index('(') + 1:s.rindex(')')]
        f = s[s.rindex(')') + 2:].split()
        out[t] = (comm, int(f[11]) + int(f[12]))
    s = open(f'/proc/{pid}/stat').read()
    f = s[s.rindex(')') + 2:].split()
    return time.monotonic(), int(f[11]) + int(f[12]), out
def group(c):
    c = re.sub(r'\d+', '#', c)
    return c
try:
    time.sleep(warm)
    for w in range(n):
        t0, p0, th0 = snap()
        l0 = os.getloadavg()[0]
        time.sleep(win)
        t1, p1, th1 = snap()
        dt = t1 - t0
        pct = 100.0 * (p1 - p0) / HZ / dt
        g = collections.Counter()
        for t, (comm, v) in th1.items():
            g[group(comm)] += v - th0.get(t, (comm, 0))[1]
        jit = sum(v for k, v in g.items() if 'Compiler' in k)
        print(f'window {w+1}: process {pct:.2f} %  without JIT {100.0*((p1-p0)-jit)/HZ/dt:.2f} %  load {l0:.2f} -> {os.getloadavg()[0]:.2f}', flush=True)
        for k, v in g.most_common(30):
            if v:
                print(f'    {k:28s} {100.0*v/HZ/dt:6.2f} %')
    if os.environ.get('SHOT'):
        subprocess.run(['import', '-display', ':' + disp, '-window', 'root', os.environ['SHOT']])
finally:
    app.terminate()
    try:
        app.wait(10)
    except Exception:
        app.kill()
    xvfb.terminate()
