/**
 * The sidebar's CSS, as a string so that `mountApp` injects it itself: any host
 * page (Sheets' Sidebar.html, Excel's taskpane.html) gets the same look without
 * a separate stylesheet to bundle. Sized for a 300 px sidebar.
 */
export const CSS = `
.ss-app{font:13px/1.45 "Google Sans","Segoe UI","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",Roboto,Arial,sans-serif;color:#202124;padding:12px;box-sizing:border-box;max-width:420px}
.ss-app *{box-sizing:border-box}
.ss-head{display:flex;align-items:center;justify-content:space-between;margin-bottom:8px}
.ss-head h1{font-size:16px;font-weight:600;margin:0;color:#174ea6}
.ss-lang{border:1px solid #dadce0;background:#fff;border-radius:12px;padding:1px 9px;font-size:12px;cursor:pointer;color:#3c4043}
.ss-sec{border-top:1px solid #e8eaed;padding:10px 0}
.ss-sec h2{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5f6368;margin:0 0 6px;font-weight:600}
.ss-row{display:flex;align-items:center;gap:6px;justify-content:space-between}
.ss-app select,.ss-app input{width:100%;font:inherit;padding:5px 6px;border:1px solid #dadce0;border-radius:4px;background:#fff;color:inherit}
.ss-app input[aria-invalid=true]{border-color:#d93025}
.ss-hint{font-size:12px;color:#5f6368;margin-top:3px}
.ss-ok{color:#188038}
.ss-bad{color:#d93025}
.ss-badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;margin:2px 4px 2px 0;background:#f1f3f4;color:#3c4043}
.ss-badge.error{background:#fce8e6;color:#c5221f}
.ss-badge.warning{background:#fef7e0;color:#b06000}
.ss-badge.tie{background:#e8f0fe;color:#1967d2}
.ss-badge.pending{background:#fef7e0;color:#b06000}
.ss-tabs{list-style:none;margin:0;padding:0}
.ss-tabs li{display:flex;justify-content:space-between;padding:2px 0;border-bottom:1px dotted #e8eaed}
.ss-tabs .n{color:#5f6368;white-space:nowrap;margin-left:6px}
.ss-link{background:none;border:none;padding:0;color:#1a73e8;cursor:pointer;font:inherit;text-align:left;text-decoration:underline}
.ss-link:hover{color:#174ea6}
.ss-msg{border-radius:4px;padding:8px;margin:6px 0;white-space:pre-wrap;word-break:break-word}
.ss-msg.error{background:#fce8e6;color:#a50e0e}
.ss-msg.warning{background:#fef7e0;color:#7a4b00}
.ss-msg.ok{background:#e6f4ea;color:#0d652d}
.ss-btn{width:100%;padding:8px;font:inherit;font-weight:600;border-radius:4px;border:none;background:#1a73e8;color:#fff;cursor:pointer}
.ss-btn[disabled]{background:#c6dafc;cursor:default}
.ss-btn.secondary{background:#fff;color:#1a73e8;border:1px solid #dadce0;font-weight:500;margin-top:6px}
.ss-progress{height:4px;background:#e8f0fe;border-radius:2px;overflow:hidden;margin-top:8px}
.ss-progress div{height:100%;width:35%;background:#1a73e8;animation:ss-slide 1.2s linear infinite}
@keyframes ss-slide{from{transform:translateX(-100%)}to{transform:translateX(300%)}}
.ss-step{font-size:12px;color:#5f6368;margin-top:4px}
.ss-list{list-style:none;margin:0;padding:0}
.ss-list li{padding:4px 0;border-bottom:1px solid #f1f3f4}
.ss-list .who{font-weight:600;word-break:break-word}
.ss-list .meta{font-size:12px;color:#5f6368}
.ss-list .amt{float:right;font-variant-numeric:tabular-nums}
.ss-bar{height:6px;background:#f1f3f4;border-radius:3px;margin-top:2px;overflow:hidden}
.ss-bar div{height:100%;background:#34a853}
.ss-diag{font-size:12px;margin:3px 0;word-break:break-word}
details.ss-details summary{cursor:pointer;color:#1a73e8;font-size:12px}
details.ss-template summary{font-weight:600;letter-spacing:.04em;text-transform:uppercase}
.ss-template .ss-hint{margin:4px 0 6px}
.ss-whatif{list-style:none;margin:6px 0;padding:0}
.ss-whatif-row label{display:flex;align-items:center;justify-content:space-between;gap:8px;margin:3px 0;font-size:12px}
.ss-whatif-label{flex:1;word-break:break-word}
.ss-whatif-row input,.ss-whatif-row select{width:90px;flex:none}
.ss-whatif-result h3{font-size:12px;margin:8px 0 2px}
.ss-whatif-result ul{margin:0;padding-left:16px;font-size:12px}
.ss-chart{display:block;max-width:100%;margin:4px 0;font-size:11px}
.ss-chart-title{font-weight:600;fill:#202124}
.ss-chart-label,.ss-chart-value{fill:#3c4043}
.ss-chart-budget{fill:#e8eaed}
.ss-chart-bar{fill:#34a853}
.ss-statement{white-space:pre-wrap;word-break:break-word;user-select:text;font-family:inherit;font-size:12px;line-height:1.4;background:#f8f9fa;border:1px solid #dadce0;border-radius:4px;padding:6px;margin:4px 0}
`;
