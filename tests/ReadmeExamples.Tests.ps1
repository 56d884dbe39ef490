# The examples of the README, run as written against the emulator (the CI step of examples/ and its recipes:
# Examples.Tests.ps1; the examples of docs/help: HelpExamples.Tests.ps1).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # A broker takes 1 s to restart, long enough for a rollout's first poll to see it; the clock driver finishes each
    # restart once a poll has seen it, so a -Wait rollout costs one poll per cluster.
    $script:emu = Start-TestEmulator -ArgumentList '--broker-restart-ms', '1000'
    $script:driver = Start-ClockDriver $emu
    # Every -Wait polls each second and gives up after a minute: a rollout that cannot see its restart fails fast.
    # (A default value applied without -Wait would select the rollout parameter set, so it is given only with -Wait.)
    $script:waitDefaults = @{
        '*-Cdss*:PollIntervalSec' = { if ($args[0].BoundParameters -contains 'Wait') { 1 } }
        '*-Cdss*:TimeoutMinutes'  = { if ($args[0].BoundParameters -contains 'Wait') { 1 } }
    }
    function Set-WaitDefaults { foreach ($k in $waitDefaults.Keys) { $global:PSDefaultParameterValues[$k] = $waitDefaults[$k] } }
    function Remove-WaitDefaults { foreach ($k in $waitDefaults.Keys) { $global:PSDefaultParameterValues.Remove($k) } }
    $script:readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw

    # The body of the first fenced block of the given language after a heading.
    function Get-ReadmeBlock([string] $Heading, [string] $Language) {
        $start = $readme.IndexOf($Heading)
        if ($start -lt 0) { throw "README has no '$Heading'." }
        $m = [regex]::new('```' + $Language + '\r?\n(?<body>.*?)\r?\n```', 'Singleline').Match($readme, $start)
        if (-not $m.Success) { throw "README has no $Language block after '$Heading'." }
        $m.Groups['body'].Value
    }
}

AfterAll {
    Remove-Item Env:CDSS_ENDPOINT -ErrorAction SilentlyContinue
    Stop-TestEnvironment
}

Describe 'The first example' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'connects to Fin through CDSS_ENDPOINT and prints the pre-check table' {
        $env:CDSS_ENDPOINT = $emu.Endpoint
        try {
            $cred = $emu.Credential
            $warnings = $null
            $session = Connect-Cdss -Site Fin -Credential $cred -WarningVariable warnings -WarningAction SilentlyContinue
            $table = Test-CdssRollingRestart -ServiceGroupInstanceNo 3432149 | Out-String
        }
        finally { Remove-Item Env:CDSS_ENDPOINT }
        "$($session.Site)" | Should -Be 'Fin'
        $session.Endpoint | Should -Be $emu.Endpoint
        "$warnings" | Should -Match 'CDSS_ENDPOINT is set'
        $table | Should -Match '(?m)^Cluster\s+CanRestart RequestId\s+Message$'
        $table | Should -Match '(?m)^3432149\s+True\s+[0-9a-f]{8}-[0-9a-f-]{27} SUCCESS$'
    }

    It 'rejects a CDSS_ENDPOINT that is plain http to a remote host' {
        $env:CDSS_ENDPOINT = 'http://cdss.example.com/api/v1'
        try {
            { Connect-Cdss -Site Fin -Credential $emu.Credential -NotDefault -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'CdssInsecureEndpoint*'
        }
        finally { Remove-Item Env:CDSS_ENDPOINT }
    }
}

Describe 'The fleet examples' {
    BeforeAll { $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'writes the fleet report to CSV' {
        $csv = Join-Path $TestDrive 'fleet-precheck.csv'
        Get-CdssCluster | Test-CdssRollingRestart -ThrottleLimit 16 |
            Select-Object ServiceGroupInstanceNo, CanRestart, Code, Message, RequestId, CheckedAt |
            Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 6
        ($rows | Where-Object CanRestart -EQ 'True').Count | Should -Be 4
        $rows[0].RequestId | Should -Not -BeNullOrEmpty
    }

    It 'gates with -Quiet' {
        { if (-not (Test-CdssRollingRestart 3432151 -Quiet -ErrorAction Stop)) { throw 'Cluster 3432151 cannot be restarted now.' } } | Should -Throw 'Cluster 3432151 cannot be restarted now.'
        { if (-not (Test-CdssRollingRestart 3432149 -Quiet -ErrorAction Stop)) { throw 'no' } } | Should -Not -Throw
    }

    It 'runs the restart pipeline as written (polling every second instead of ten)' {
        Set-WaitDefaults
        try {
            $errs = $null
            $out = Get-CdssCluster | Test-CdssRollingRestart -ThrottleLimit 16 | Where-Object CanRestart |
                Start-CdssRollingRestart -Wait -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue 6>$null
        }
        finally { Remove-WaitDefaults }
        # Four clusters are ready; the emulator's kafka-flaky, last of them, turns red during its restart by design.
        $out.ServiceGroupInstanceNo | Should -Be @(3432149, 3432150, 3432153, 3432154)
        "$($out.Outcome)" | Should -Be 'Succeeded Succeeded Succeeded Failed'
        $out[0..2].BrokerStatus | Should -Be @('green', 'green', 'green')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssRestartFailed*'
        $errs[0].TargetObject | Should -Be 3432154
        "$($errs[0])" | Should -Match '^Cluster 3432154 \(kafka-flaky\): '
    }

    It 'runs the one-line examples' {
        (Get-CdssCluster -Name 'kafka-prod-*').Count | Should -Be 2
        $sentBefore = (Get-CdssEmulatorRequest $emu | Measure-Object).Count
        Start-CdssRollingRestart 3432149 -WhatIf | Should -BeNullOrEmpty
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be $sentBefore -Because '-WhatIf sends nothing, not even the pre-check'
        (Get-CdssRollingRestartProgress 3432149 | Select-Object -ExpandProperty Nodes).Count | Should -Be 3
        (Invoke-CdssApi -Method GET -Path /cluster/getClusterStatus/3432149).clusterName | Should -Be 'kafka-prod-01'
        (Invoke-CdssApi -Path /cluster/getClusterInfoList -Body @{ pageNo = 1; pageSize = 20 }).totalCount | Should -Be 6
    }
}

Describe 'The HTML report in a browser' {
    BeforeDiscovery {
        # Debian's chromium, or a Chrome/Chromium on PATH (Windows runners have Chrome); without one the test is skipped.
        $candidates = @('/usr/bin/chromium') + @(Get-Command chromium, chromium-browser, google-chrome, chrome -CommandType Application -ErrorAction SilentlyContinue | ForEach-Object Source)
        $script:browser = $candidates | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
    }

    It 'renders the report of a rollout to a picture that is not blank' -Skip:(-not $browser) -ForEach @(@{ Browser = $browser }) {
        # Counts what a PNG shows (8-bit RGB/RGBA/grey, not interlaced): its size, distinct colours and non-white pixels.
        if (-not ('PngProbe' -as [type])) {
            # Windows PowerShell compiles against named assemblies; PowerShell 7 references the runtime already.
            $references = @{}
            if ($PSEdition -eq 'Desktop') { $references.ReferencedAssemblies = 'System.IO.Compression', 'System.Core' }
            Add-Type @references -TypeDefinition @'
using System; using System.Collections.Generic; using System.IO; using System.IO.Compression; using System.Text;
public static class PngProbe {
    static int Be(byte[] b, int i) { return (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]; }
    public static long[] Measure(string path) {
        byte[] bytes = File.ReadAllBytes(path);
        int width = 0, height = 0, depth = 0, type = 0, pos = 8;
        MemoryStream data = new MemoryStream();
        while (pos + 8 <= bytes.Length) {
            int length = Be(bytes, pos); string name = Encoding.ASCII.GetString(bytes, pos + 4, 4);
            if (name == "IHDR") { width = Be(bytes, pos + 8); height = Be(bytes, pos + 12); depth = bytes[pos + 16]; type = bytes[pos + 17]; }
            else if (name == "IDAT") data.Write(bytes, pos + 8, length);
            else if (name == "IEND") break;
            pos += 12 + length;
        }
        if (depth != 8) throw new NotSupportedException("bit depth " + depth);
        int bpp = type == 6 ? 4 : type == 2 ? 3 : type == 4 ? 2 : type == 0 ? 1 : 0;
        if (bpp == 0) throw new NotSupportedException("colour type " + type);
        int stride = width * bpp;
        byte[] raw = new byte[(stride + 1) * height];
        data.Position = 2;
        using (DeflateStream inflate = new DeflateStream(data, CompressionMode.Decompress)) {
            int read = 0, n;
            while (read < raw.Length && (n = inflate.Read(raw, read, raw.Length - read)) > 0) read += n;
        }
        byte[] prev = new byte[stride], cur = new byte[stride];
        HashSet<int> colours = new HashSet<int>(); long nonWhite = 0;
        for (int y = 0; y < height; y++) {
            int filter = raw[y * (stride + 1)];
            for (int x = 0; x < stride; x++) {
                int v = raw[y * (stride + 1) + 1 + x], a = x >= bpp ? cur[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
                int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                int predictor = filter == 1 ? a : filter == 2 ? b : filter == 3 ? (a + b) / 2 : filter == 4 ? (pa <= pb && pa <= pc ? a : pb <= pc ? b : c) : 0;
                cur[x] = (byte)(v + predictor);
            }
            for (int x = 0; x < width; x++) {
                int r = cur[x * bpp], g = bpp >= 3 ? cur[x * bpp + 1] : r, bl = bpp >= 3 ? cur[x * bpp + 2] : r;
                colours.Add((r << 16) | (g << 8) | bl);
                if (r < 240 || g < 240 || bl < 240) nonWhite++;
            }
            byte[] swap = prev; prev = cur; cur = swap;
        }
        return new long[] { width, height, colours.Count, nonWhite };
    }
}
'@
        }
        Reset-CdssEmulator $emu
        $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        $results = (Invoke-Collected { Get-CdssCluster -Name 'kafka-prod-01', 'kafka-stage' | Start-CdssRollingRestart -Wait -Force -PollIntervalSec 1 -TimeoutMinutes 1 }).Results
        $results.Outcome | Should -Be @('Succeeded', 'Skipped')
        $page = Join-Path $TestDrive 'rollout.html'
        $results | Export-CdssReport -Path $page -Format Html
        $png = Join-Path $TestDrive 'rollout.png'
        $profileDir = Join-Path $TestDrive 'browser-profile'
        $url = 'file:///' + $page.Replace('\', '/').TrimStart('/')   # [uri] takes a Unix path for a relative URI
        $info = [System.Diagnostics.ProcessStartInfo]::new($Browser)
        foreach ($a in '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', "--user-data-dir=$profileDir", "--screenshot=$png", '--window-size=1200,800', $url) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardInput = $true; $info.RedirectStandardError = $true; $info.RedirectStandardOutput = $true; $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        $errors = $process.StandardError.ReadToEndAsync(); $null = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit(90000)) { $process.Kill(); throw 'The browser did not finish the screenshot within 90 s.' }
        $log = $errors.Result
        $png | Should -Exist -Because $log
        $width, $height, $colours, $nonWhite = [PngProbe]::Measure($png)
        "$width x $height" | Should -Be '1200 x 800'
        $colours | Should -BeGreaterThan 50 -Because 'text, bars and chips in several colours'
        $nonWhite | Should -BeGreaterThan (0.03 * $width * $height) -Because 'a blank page is nearly all white'
    }
}

Describe 'The maintenance examples of the README' {
    BeforeAll { $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'runs the block as written, changing one setting, upgrading the ready clusters and restarting one broker' {
        $block = Get-ReadmeBlock '### Maintenance' 'powershell'
        $out = & ([scriptblock]::Create($block)) 2>&1
        @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        @($out | Where-Object { $_ -is [Cdss.KafkaVersion] }).Count | Should -Be 4
        @($out | Where-Object { $_ -is [Cdss.ConfigGroup] }).ConfigGroupNo | Should -Be @(201, 202)
        @($out | Where-Object { $_.PSTypeNames[0] -eq 'Cdss.RollingUpgrade' }).ServiceGroupInstanceNo | Should -Be @(3432149, 3432150)
        @($out | Where-Object { $_.PSTypeNames[0] -eq 'Cdss.KafkaNodeRestart' }).ComputeInstanceNo | Should -Be @(343215301)
        $sets = @((Get-CdssEmulatorRequest $emu) | Where-Object target -Like '*/setKafkaConfigGroupDetail/101')
        $sets.Count | Should -Be 1
        $sets[0].body | Should -Match '"numPartitions":6'
    }
}

Describe 'The maintenance recipes of the README' {
    BeforeAll {
        $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        function Invoke-ReadmeRecipe([string] $Heading) {
            $block = Get-ReadmeBlock $Heading 'powershell'
            Set-WaitDefaults
            Push-Location $TestDrive
            try {
                $ErrorActionPreference = 'Continue'
                $all = @(& ([scriptblock]::Create($block)) 2>&1 6>$null)
                [pscustomobject]@{
                    Results = @($all | Where-Object { $_ -is [Cdss.RolloutResult] })
                    Errors  = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
                }
            }
            finally { Pop-Location; Remove-WaitDefaults }
        }
    }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'raises logRetentionHours, keeps the other settings, and rolls the group across its clusters with a journal and JUnit' {
        $r = Invoke-ReadmeRecipe '#### Recipe: raise `logRetentionHours`'
        $r.Results.ServiceGroupInstanceNo | Should -Be @(3432149, 3432150, 3432154)
        "$($r.Results.Outcome)" | Should -Be 'Succeeded Succeeded Failed' -Because 'kafka-flaky turns red and halts the rollout'
        $settings = Get-CdssConfigGroupSetting -ConfigGroupNo 101 -KafkaVersionCode 3713006
        ($settings | Where-Object Key -EQ 'logRetentionHours').Value | Should -Be '96'
        ($settings | Where-Object Key -EQ 'numPartitions').Value | Should -Be '6'
        Join-Path $TestDrive 'apply-101.jsonl' | Should -Exist
        ([xml](Get-Content (Join-Path $TestDrive 'apply-101.xml') -Raw)).testsuites.testsuite.name | Should -Be 'Cdss Config group apply'
    }

    It 'upgrades the production clusters before the deadline, with a journal and JUnit' {
        $r = Invoke-ReadmeRecipe '#### Recipe: upgrade a fleet'
        $r.Errors | Should -BeNullOrEmpty
        "$($r.Results.Outcome)" | Should -Be 'Succeeded Succeeded'
        $r.Results.ToKafkaVersion | Should -Be @('Kafka 3.9.0 (3903006)', 'Kafka 3.9.0 (3903006)')
        (Get-CdssCluster -Name 'kafka-prod-*' -WarningAction SilentlyContinue).KafkaVersion | Should -Be @('3.9.0', '3.9.0')
        Join-Path $TestDrive 'upgrade-3903006.xml' | Should -Exist
    }
}
