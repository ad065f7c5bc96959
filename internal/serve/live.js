(function (cfg) {
	if (!window.EventSource) return;
	var gen = cfg.gen;
	function pick(pages) {
		var cur = location.pathname.split("/").filter(Boolean), best = pages[0], score = -1;
		pages.forEach(function (p) {
			var segs = p.split("/").filter(Boolean), s = 0;
			while (s < 2 && s < segs.length && segs[s] === cur[s]) s++;
			if (s > score) { score = s; best = p; }
		});
		return best;
	}
	function swap(paths, g) {
		document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (l) {
			var u = new URL(l.getAttribute("href"), location.href);
			if (paths.indexOf(u.pathname) < 0) return;
			var n = l.cloneNode();
			n.href = u.pathname + "?v=" + g;
			n.onload = function () { l.remove(); };
			l.after(n);
		});
	}
	function follow(m) {
		var to = m.pages && m.pages.length ? pick(m.pages) : "";
		if (to && to !== location.pathname) location.assign(to); else location.reload();
	}
	function handle(name, m) {
		if (name === "hello") {
			if (m.instance !== cfg.instance) location.reload();
			else if (m.gen !== gen) follow(m);
		} else if (name === "css") {
			swap(m.paths || [], m.gen);
			gen = m.gen;
		} else if (name === "reload" && m.gen !== gen) {
			follow(m);
		}
	}
	function connect(emit) {
		var es = new EventSource(cfg.events);
		["hello", "reload", "css"].forEach(function (name) {
			es.addEventListener(name, function (e) { emit(name, JSON.parse(e.data)); });
		});
		es.onerror = function () {
			if (es.readyState === EventSource.CLOSED) {
				es.close();
				setTimeout(function () { connect(emit); }, 1000);
			}
		};
	}
	if (!(navigator.locks && window.BroadcastChannel)) { connect(handle); return; }
	var bc = new BroadcastChannel("tadafor-live"), state = null;
	bc.onmessage = function (e) {
		if (e.data.ask) { if (state) bc.postMessage({name: "hello", m: state}); return; }
		handle(e.data.name, e.data.m);
	};
	navigator.locks.request("tadafor-live", function () {
		return new Promise(function () {
			connect(function (name, m) {
				state = {instance: name === "hello" ? m.instance : state && state.instance, gen: m.gen, pages: m.pages};
				bc.postMessage({name: name, m: m});
				handle(name, m);
			});
		});
	});
	bc.postMessage({ask: true});
})
